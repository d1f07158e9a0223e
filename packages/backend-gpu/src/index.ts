// @neurite/backend-gpu: importing this package registers the 'gpu' backend (its mode from the
// NEURITE_GPU_MODE environment variable in Node, else 'auto') and its kernels. Other modes can be
// registered under their own names: registerBackend('gpu-webasm', () => createGpuBackend({ mode: 'webasm' })).
import { registerBackend, registerKernel } from '@neurite/tensor';
import { createGpuBackend } from './create.js';
import { gpuKernels } from './kernels/index.js';

for (const kernel of gpuKernels) registerKernel(kernel);
// Priority 0: importing the GPU backend next to the CPU one does not change the default; setBackend('gpu') does.
registerBackend('gpu', () => createGpuBackend(), 0);

export { GpuBackend } from './backend.js';
export type { GpuBackendInfo } from './backend.js';
export { createGpuBackend } from './create.js';
export type { GpuBackendOptions } from './create.js';
export { GPU_MODES, AUTO_ORDER, probeMode } from './modes.js';
export type { GpuMode, GpuModeOption } from './modes.js';
/** The names of the kernels this backend implements. */
export const gpuKernelNames: readonly string[] = gpuKernels.map((k) => k.kernelName).sort();
