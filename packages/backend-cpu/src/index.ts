// @neurite/backend-cpu: importing this package registers the 'cpu' backend and its kernels.
import { registerBackend, registerKernel } from '@neurite/tensor';
import { CpuBackend } from './backend.js';
import { cpuKernels } from './kernels/index.js';

for (const kernel of cpuKernels) registerKernel(kernel);
registerBackend('cpu', () => new CpuBackend(), 1);

export { CpuBackend };
export type { CpuBackendOptions } from './backend.js';
/** The names of the kernels this backend implements. */
export const cpuKernelNames: readonly string[] = cpuKernels.map((k) => k.kernelName).sort();
