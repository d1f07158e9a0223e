import type { TensorInfo, TypedArray } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';

/**
 * The values of an int32 index tensor when they can be had without waiting on the device, so a kernel
 * can reject bad indices as the CPU backend does: always in the cpu and webasm modes (results are typed
 * arrays there), and in the device modes when the indices were written from the host (the usual case:
 * token ids, labels). Indices computed on a device are not read back (that would stall the pipeline);
 * the kernels then treat an out-of-range index as selecting nothing.
 */
export function hostIndices(backend: GpuBackend, info: TensorInfo): TypedArray | null {
  return backend.hostValues(info);
}
