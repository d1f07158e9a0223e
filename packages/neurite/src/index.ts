// neurite: one install and one import, as @tensorflow/tfjs is for TensorFlow.js. It registers the
// backends, best first (WebAssembly with SIMD and threads, then the pure-TypeScript CPU backend as the
// fallback where WebAssembly SIMD cannot start), and re-exports the whole of @neurite/keras.
// The GPU backend stays a separate install (@neurite/backend-gpu), as it brings gpu.js.
import '@neurite/backend-wasm';
import '@neurite/backend-cpu';

export * from '@neurite/keras';
export { wasmFallbackReason } from '@neurite/backend-wasm';
