import { gather, slice, tensor, tidy, type Tensor } from '@neurite/tensor';

/** Rows [start, end) of a tensor along the batch axis. */
export function sliceRows(t: Tensor, start: number, end: number): Tensor {
  return slice(t, [start, ...t.shape.slice(1).map(() => 0)], [end - start, ...t.shape.slice(1).map(() => -1)]);
}

/** The batch of rows [start, end) of each tensor, in the order `order` gives (identity when null). */
export function takeBatch(tensors: Tensor[], start: number, end: number, order: Int32Array | null): Tensor[] {
  if (!order) return tensors.map((t) => sliceRows(t, start, end));
  return tidy(() => {
    const idx = tensor(order.subarray(start, end), [end - start], 'int32');
    return tensors.map((t) => gather(t, idx));
  });
}
