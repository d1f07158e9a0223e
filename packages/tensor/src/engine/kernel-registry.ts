import type { Tensor } from '../tensor.js';
import type { KernelAttrs, KernelInputs, KernelName } from '../kernel-names.js';
import { NeuriteError } from '../util/errors.js';
import type { Backend, TensorInfo } from './backend.js';

/** Kernel attributes: plain data only (numbers, strings, booleans, arrays of them, nested records). */
export type Attrs = Record<string, unknown>;

export interface KernelArgs<N extends KernelName = KernelName> {
  inputs: KernelInputs<N, TensorInfo>;
  attrs: KernelAttrs<N>;
  backend: Backend;
}

/** A kernel computes outputs from inputs on one backend. It may return an input's `dataId` to share it. */
export type KernelFunc<N extends KernelName = KernelName> = (args: KernelArgs<N>) => TensorInfo | TensorInfo[];

/**
 * One backend's implementation of kernel `N`. `KernelConfig<'Conv2D'>` only accepts a function of
 * Conv2D's two inputs and `ConvAttrs`: the pairing is checked where each kernel is defined.
 */
export interface KernelConfig<N extends KernelName = KernelName> {
  kernelName: N;
  kernelSet: string;
  kernelFunc: KernelFunc<N>;
}

/** A kernel of any name, for a backend's list of kernels (each one is checked where it is defined). */
export type AnyKernelConfig = KernelConfig<any>;

/**
 * The gradient of a kernel, written with ops so that it works on every backend (and can be differentiated
 * again). `dys` has one entry per output; the result has one entry per input (null where the input gets
 * no gradient, for example an integer index).
 */
export type GradFunc<N extends KernelName = KernelName> = (
  dys: Tensor[],
  saved: { inputs: KernelInputs<N, Tensor>; outputs: Tensor[] },
  attrs: KernelAttrs<N>,
) => (Tensor | null)[];

export interface GradConfig<N extends KernelName = KernelName> {
  kernelName: N;
  gradFunc(dys: Tensor[], saved: { inputs: KernelInputs<N, Tensor>; outputs: Tensor[] }, attrs: KernelAttrs<N>): (Tensor | null)[];
}

/** How the engine and the tape hold a gradient of any kernel once its kernel name is no longer known statically. */
export type StoredGradFunc = (dys: Tensor[], saved: { inputs: Tensor[]; outputs: Tensor[] }, attrs: Attrs) => (Tensor | null)[];

const kernels = new Map<string, KernelConfig>();
const gradients = new Map<string, StoredGradFunc>();

const key = (kernelSet: string, kernelName: string) => `${kernelSet}/${kernelName}`;

/**
 * Registers a backend's kernel. Registering one name twice in a kernel set is an error: a silent
 * overwrite would hide two copies of a backend package, or a kernel list that names a kernel twice.
 */
export function registerKernel<N extends KernelName>(config: KernelConfig<N>): void {
  const k = key(config.kernelSet, config.kernelName);
  if (kernels.has(k)) {
    throw new NeuriteError(
      `registerKernel: kernel '${config.kernelName}' is already registered for kernel set '${config.kernelSet}' ` +
        '(is the backend package loaded twice?); call unregisterKernel first to replace it',
    );
  }
  kernels.set(k, config as unknown as KernelConfig);
}

export function getKernel<N extends KernelName>(kernelName: N, kernelSet: string): KernelConfig<N> | undefined {
  return kernels.get(key(kernelSet, kernelName)) as KernelConfig<N> | undefined;
}

/** Whether kernel set `kernelSet` implements `kernelName` (ops check optional kernels this way). */
export function hasKernel(kernelName: KernelName, kernelSet: string): boolean {
  return kernels.has(key(kernelSet, kernelName));
}

/** The kernel names registered for a kernel set, sorted. */
export function listKernels(kernelSet: string): string[] {
  const prefix = `${kernelSet}/`;
  return [...kernels.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
}

export function unregisterKernel(kernelName: KernelName, kernelSet: string): void {
  kernels.delete(key(kernelSet, kernelName));
}

export function registerGradient<N extends KernelName>(config: GradConfig<N>): void {
  if (gradients.has(config.kernelName)) {
    throw new NeuriteError(`registerGradient: a gradient for kernel '${config.kernelName}' is already registered`);
  }
  const { gradFunc } = config;
  gradients.set(config.kernelName, gradFunc as unknown as StoredGradFunc);
}

export function getGradient(kernelName: string): { kernelName: string; gradFunc: StoredGradFunc } | undefined {
  const gradFunc = gradients.get(kernelName);
  return gradFunc && { kernelName, gradFunc };
}

/** Every kernel name that has a gradient: the conformance suite checks each of them. */
export function listGradients(): string[] {
  return [...gradients.keys()].sort();
}
