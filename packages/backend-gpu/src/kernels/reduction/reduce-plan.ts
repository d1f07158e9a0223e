/**
 * Host-side view of a reduction: the input's axes with size-1 axes dropped and neighbouring axes of the
 * same kind (both reduced or both kept) merged, split into the kept groups (in order: they make up the
 * output, row-major) and the reduced groups, each with its dim and its stride in the input. A program
 * then walks the reduced groups through strides, as if they had been transposed last.
 */
export interface ReducePlan {
  keptDims: number[];
  keptStrides: number[];
  reducedDims: number[];
  reducedStrides: number[];
}

export function reducePlan(shape: readonly number[], axes: readonly number[]): ReducePlan {
  const dims: number[] = [];
  const strides: number[] = [];
  const reduced: boolean[] = [];
  let stride = 1;
  const full = shape.map(() => 0);
  for (let i = shape.length - 1; i >= 0; i--) {
    full[i] = stride;
    stride *= shape[i];
  }
  shape.forEach((d, i) => {
    if (d === 1) return;
    const r = axes.includes(i);
    const last = dims.length - 1;
    if (last >= 0 && reduced[last] === r) {
      // row-major: the merged group's stride is its innermost axis's
      dims[last] *= d;
      strides[last] = full[i];
    } else {
      dims.push(d);
      strides.push(full[i]);
      reduced.push(r);
    }
  });
  const plan: ReducePlan = { keptDims: [], keptStrides: [], reducedDims: [], reducedStrides: [] };
  dims.forEach((d, g) => {
    if (reduced[g]) {
      plan.reducedDims.push(d);
      plan.reducedStrides.push(strides[g]);
    } else {
      plan.keptDims.push(d);
      plan.keptStrides.push(strides[g]);
    }
  });
  return plan;
}
