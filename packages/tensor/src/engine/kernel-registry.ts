import type { Tensor } from '../tensor.js';
import { NeuriteError } from '../util/errors.js';
import type { Backend, TensorInfo } from './backend.js';

/** Kernel attributes: plain data only (numbers, strings, booleans, arrays of them, nested records). */
export type Attrs = Record<string, unknown>;

export interface KernelArgs<A extends object = Attrs> {
  inputs: readonly TensorInfo[];
  attrs: A;
  backend: Backend;
}

/** A kernel computes outputs from inputs on one backend. It may return an input's `dataId` to share it. */
export type KernelFunc<A extends object = Attrs> = (args: KernelArgs<A>) => TensorInfo | TensorInfo[];

export interface KernelConfig<A extends object = Attrs> {
  kernelName: string;
  kernelSet: string;
  kernelFunc: KernelFunc<A>;
}

/**
 * The gradient of a kernel, written with ops so that it works on every backend (and can be differentiated
 * again). `dys` has one entry per output; the result has one entry per input (null where the input gets
 * no gradient, for example an integer index).
 */
export type GradFunc<A extends object = Attrs> = (
  dys: Tensor[],
  saved: { inputs: Tensor[]; outputs: Tensor[] },
  attrs: A,
) => (Tensor | null)[];

export interface GradConfig<A extends object = Attrs> {
  kernelName: string;
  gradFunc: GradFunc<A>;
}

const kernels = new Map<string, KernelConfig>();
const gradients = new Map<string, GradConfig>();

const key = (kernelSet: string, kernelName: string) => `${kernelSet}/${kernelName}`;

export function registerKernel<A extends object>(config: KernelConfig<A>): void {
  kernels.set(key(config.kernelSet, config.kernelName), config as unknown as KernelConfig);
}

export function getKernel(kernelName: string, kernelSet: string): KernelConfig | undefined {
  return kernels.get(key(kernelSet, kernelName));
}

/** The kernel names registered for a kernel set, sorted. */
export function listKernels(kernelSet: string): string[] {
  const prefix = `${kernelSet}/`;
  return [...kernels.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
}

export function unregisterKernel(kernelName: string, kernelSet: string): void {
  kernels.delete(key(kernelSet, kernelName));
}

export function registerGradient<A extends object>(config: GradConfig<A>): void {
  if (gradients.has(config.kernelName)) {
    throw new NeuriteError(`registerGradient: a gradient for kernel '${config.kernelName}' is already registered`);
  }
  gradients.set(config.kernelName, config as unknown as GradConfig);
}

export function getGradient(kernelName: string): GradConfig | undefined {
  return gradients.get(kernelName);
}

/** Every kernel name that has a gradient: the conformance suite checks each of them. */
export function listGradients(): string[] {
  return [...gradients.keys()].sort();
}
