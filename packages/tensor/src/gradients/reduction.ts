// Gradients of the 'reduction' kernels, registered once for every backend.
import { registerGradient } from '../engine/kernel-registry.js';

import type { Tensor } from '../tensor.js';
import { zeros } from '../ops/creation.js';
import { cast } from '../ops/elementwise/cast.js';
import { div, equal, mul } from '../ops/elementwise/index.js';
import { sum } from '../ops/reduction/sum.js';
import { broadcastTo } from '../ops/shape/broadcast-to.js';
import { pad } from '../ops/shape/pad.js';
import { reshape } from '../ops/shape/reshape.js';
import { slice } from '../ops/shape/slice.js';
import { stridedSlice } from '../ops/shape/strided-slice.js';
import { inversePerm, transpose } from '../ops/shape/transpose.js';
import { reducedShape } from '../util/shape.js';

registerGradient({
  kernelName: 'Sum',
  gradFunc: ([dy], { inputs: [x] }, { axes }) => [broadcastTo(reshape(dy, reducedShape(x.shape, axes, true)), x.shape)],
});

/**
 * Max and Min send the gradient to the positions that equal the result; when several tie, it is split
 * equally among them (so the gradient still sums to dy, as for the mean of the tied values).
 */
function extremumGrad(dy: Tensor, x: Tensor, y: Tensor, axes: number[]): Tensor {
  const kept = reducedShape(x.shape, axes, true);
  const mask = cast(equal(x, reshape(y, kept)), 'float32');
  const count = sum(mask, { axis: axes, keepDims: true });
  return mul(mask, div(reshape(dy, kept), count));
}

registerGradient({
  kernelName: 'Max',
  gradFunc: ([dy], { inputs: [x], outputs: [y] }, { axes }) => [extremumGrad(dy, x, y, axes)],
});

registerGradient({
  kernelName: 'Min',
  gradFunc: ([dy], { inputs: [x], outputs: [y] }, { axes }) => [extremumGrad(dy, x, y, axes)],
});

/**
 * Prod's gradient at element i is the product of the other elements. Dividing the product by x[i] fails
 * at zeros, so it is built from exclusive products instead: (product of the elements before i) *
 * (product of the elements after i), both from a log-depth prefix-product scan written with ops.
 */
registerGradient({
  kernelName: 'Prod',
  gradFunc: ([dy], { inputs: [x] }, { axes }) => {
    if (x.size === 0) return [zeros(x.shape)];
    const keptAxes = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const perm = [...axes, ...keptAxes];
    const n = axes.reduce((p, a) => p * x.shape[a], 1);
    const m = x.size / n;
    const rows = reshape(transpose(x, { perm }), [n, m]);
    const others = mul(exclusiveProducts(rows), reverseRows(exclusiveProducts(reverseRows(rows))));
    const g = mul(others, reshape(dy, [1, m]));
    return [transpose(reshape(g, perm.map((p) => x.shape[p])), { perm: inversePerm(perm) })];
  },
});

/** Row i of the result is the product of rows 0..i-1 of t (1 for row 0). */
function exclusiveProducts(t: Tensor): Tensor {
  const [n, m] = t.shape;
  let p = t;
  // Hillis-Steele scan: after the step with shift s, row i holds the product of rows max(0, i-2s+1)..i
  for (let shift = 1; shift < n; shift *= 2) {
    p = mul(p, pad(slice(p, [0, 0], [n - shift, m]), [[shift, 0], [0, 0]], { constantValue: 1 }));
  }
  return pad(slice(p, [0, 0], [n - 1, m]), [[1, 0], [0, 0]], { constantValue: 1 });
}

function reverseRows(t: Tensor): Tensor {
  return stridedSlice(t, [0], [0], [-1], { beginMask: 1, endMask: 1 });
}
