import {
  randomNormalValues, randomUniformValues, truncatedNormalValues,
  type AnyKernelConfig, type KernelConfig,
} from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';

/*
 * The random kernels make their values on the host with the tensor core's Philox generator and upload
 * them. Computing Philox inside gpu.js kernels needs exact 32-bit integer multiplication, which only
 * gpu.js's plain-JS 'cpu' mode has (GL, WebGPU and WebAssembly kernels compute in float32); the host
 * route gives every mode the CPU backend's bits exactly, and the upload happens on the first use.
 */

export const randomUniformKernel: KernelConfig<'RandomUniform'> = {
  kernelName: 'RandomUniform',
  kernelSet: 'gpu',
  kernelFunc: ({ attrs, backend }) => (backend as GpuBackend).output(randomUniformValues(attrs), attrs.shape, attrs.dtype),
};

export const randomNormalKernel: KernelConfig<'RandomNormal'> = {
  kernelName: 'RandomNormal',
  kernelSet: 'gpu',
  kernelFunc: ({ attrs, backend }) => (backend as GpuBackend).output(randomNormalValues(attrs), attrs.shape, 'float32'),
};

export const truncatedNormalKernel: KernelConfig<'TruncatedNormal'> = {
  kernelName: 'TruncatedNormal',
  kernelSet: 'gpu',
  kernelFunc: ({ attrs, backend }) => (backend as GpuBackend).output(truncatedNormalValues(attrs), attrs.shape, 'float32'),
};

/** The GPU kernels of the 'random' family. */
export const randomKernels: AnyKernelConfig[] = [randomUniformKernel, randomNormalKernel, truncatedNormalKernel];
