/**
 * Host-side broadcasting plan for elementwise kernels: the output's dims with size-1 axes dropped and
 * neighbouring axes merged while every input stays contiguous (or broadcast) across them, and each
 * input's stride per merged dim (0 where it is broadcast). Most real cases merge to one or two dims.
 */
export interface BroadcastPlan {
  dims: number[];
  strides: number[][];
}

export function broadcastPlan(shape: readonly number[], inputShapes: readonly (readonly number[])[]): BroadcastPlan {
  const rank = shape.length;
  const full = inputShapes.map((s) => alignedStrides(s, rank));
  const dims: number[] = [];
  const strides: number[][] = inputShapes.map(() => []);
  for (let axis = 0; axis < rank; axis++) {
    const d = shape[axis];
    if (d === 1) continue;
    const k = dims.length - 1;
    if (k >= 0 && full.every((f, j) => strides[j][k] === f[axis] * d)) {
      dims[k] *= d;
      full.forEach((f, j) => (strides[j][k] = f[axis]));
    } else {
      dims.push(d);
      full.forEach((f, j) => strides[j].push(f[axis]));
    }
  }
  return { dims, strides };
}

/** Whether every input is read at the output's own flat index (no broadcasting left). */
export function isElementwise(plan: BroadcastPlan): boolean {
  return plan.dims.length <= 1 && plan.strides.every((s) => s.length === 0 || s[0] === 1);
}

function alignedStrides(inShape: readonly number[], rank: number): number[] {
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    const axis = rank - inShape.length + i;
    strides[axis] = inShape[i] === 1 ? 0 : s;
    s *= inShape[i];
  }
  return strides;
}
