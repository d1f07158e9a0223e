// @neurite/backend-cpu: importing this package registers the 'cpu' backend and its kernels.
import { registerBackend, registerKernel, type AnyKernelConfig } from '@neurite/tensor';
import { CpuBackend } from './backend.js';
import { cpuKernels } from './kernels/index.js';

for (const kernel of cpuKernels) registerKernel(kernel);
registerBackend('cpu', () => new CpuBackend(), 1);

export { CpuBackend };
export type { CpuBackendOptions } from './backend.js';
export type { HostArrays } from './host-arrays.js';
/** The names of the kernels this backend implements. */
export const cpuKernelNames: readonly string[] = cpuKernels.map((k) => k.kernelName).sort();
/**
 * The CPU kernels, registered under kernel set 'cpu'. Each one only uses the `HostArrays` methods of
 * its backend, so a backend whose buffers the host can view may register copies under its own kernel
 * set (`{ ...kernel, kernelSet: 'mine' }`) for the kernels it does not implement itself.
 */
export const hostKernels: readonly AnyKernelConfig[] = cpuKernels;
