import {
  randomNormalValues, randomUniformValues, truncatedNormalValues,
  type KernelConfig, type RandomNormalAttrs, type RandomUniformAttrs, type TruncatedNormalAttrs,
} from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';

/*
 * The random kernels make their values on the host with the tensor core's Philox generator and upload
 * them. Computing Philox inside gpu.js kernels needs exact 32-bit integer multiplication, which only
 * gpu.js's plain-JS 'cpu' mode has (GL, WebGPU and WebAssembly kernels compute in float32); the host
 * route gives every mode the CPU backend's bits exactly, and the upload happens on the first use.
 */

export const randomUniformKernel: KernelConfig<RandomUniformAttrs> = {
  kernelName: 'RandomUniform',
  kernelSet: 'gpu',
  kernelFunc: ({ attrs, backend }) => (backend as GpuBackend).output(randomUniformValues(attrs), attrs.shape, attrs.dtype),
};

export const randomNormalKernel: KernelConfig<RandomNormalAttrs> = {
  kernelName: 'RandomNormal',
  kernelSet: 'gpu',
  kernelFunc: ({ attrs, backend }) => (backend as GpuBackend).output(randomNormalValues(attrs), attrs.shape, 'float32'),
};

export const truncatedNormalKernel: KernelConfig<TruncatedNormalAttrs> = {
  kernelName: 'TruncatedNormal',
  kernelSet: 'gpu',
  kernelFunc: ({ attrs, backend }) => (backend as GpuBackend).output(truncatedNormalValues(attrs), attrs.shape, 'float32'),
};

/** The GPU kernels of the 'random' family. */
export const randomKernels: KernelConfig<any>[] = [randomUniformKernel, randomNormalKernel, truncatedNormalKernel];
