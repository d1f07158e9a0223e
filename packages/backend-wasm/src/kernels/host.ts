import { hostKernels } from '@neurite/backend-cpu';
import type { KernelArgs, KernelName, TensorInfo } from '@neurite/tensor';

/**
 * The CPU backend's kernel for `name`, to run on views of the wasm memory where a WebAssembly kernel
 * does not cover a case (a dtype, a reduction pattern).
 */
export function hostKernel<N extends KernelName>(name: N): (args: KernelArgs<N>) => TensorInfo | TensorInfo[] {
  const kernel = hostKernels.find((k) => k.kernelName === name);
  if (!kernel) throw new Error(`wasm backend: the CPU backend has no kernel '${name}'`);
  return kernel.kernelFunc as (args: KernelArgs<N>) => TensorInfo | TensorInfo[];
}
