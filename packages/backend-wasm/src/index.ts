// @neurite/backend-wasm: importing this package registers the 'wasm' backend (priority 2, above 'cpu')
// and its kernels. Where WebAssembly SIMD cannot start, the registry falls back to the CPU backend,
// which this package depends on, and `wasmFallbackReason()` says why.
import { hostKernels } from '@neurite/backend-cpu';
import { registerBackend, registerKernel } from '@neurite/tensor';
import { WasmBackend } from './backend.js';
import { wasmKernels } from './kernels/index.js';

const own = new Set<string>(wasmKernels.map((k) => k.kernelName));
for (const kernel of wasmKernels) registerKernel(kernel);
// The kernels not written for WebAssembly run the CPU's TypeScript over views of the wasm memory.
for (const kernel of hostKernels) if (!own.has(kernel.kernelName)) registerKernel({ ...kernel, kernelSet: 'wasm' });

let failure: string | null = null;
registerBackend('wasm', () => {
  try {
    return new WasmBackend();
  } catch (e) {
    failure = (e as Error).message;
    throw e;
  }
}, 2);

/** Why the 'wasm' backend could not start (the CPU backend then runs), or null. */
export function wasmFallbackReason(): string | null {
  return failure;
}

export { WasmBackend };
export type { WasmBackendOptions } from './options.js';
export type { SimdLevel } from './wasm-module.js';
/** Every kernel this backend registers: the whole contract and the optional fused kernels it has. */
export const wasmBackendKernelNames: readonly string[] = [...new Set([...own, ...hostKernels.map((k) => k.kernelName)])].sort();
