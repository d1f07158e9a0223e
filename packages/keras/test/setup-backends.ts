// @neurite/keras registers no backend of its own; its tests run on the ones an app gets from `neurite`:
// WebAssembly first, the CPU backend as its fallback.
import '@neurite/backend-wasm';
