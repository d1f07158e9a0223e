// Gradients of the 'shape' kernels, registered once for every backend.
import { registerGradient } from '../engine/kernel-registry.js';
import type { Tensor } from '../tensor.js';
import { sumToShape } from '../ops/grad-util.js';
import { sum } from '../ops/reduction/sum.js';
import { gather } from '../ops/shape/gather.js';
import { pad } from '../ops/shape/pad.js';
import { reshape } from '../ops/shape/reshape.js';
import { slice } from '../ops/shape/slice.js';
import { stridedSliceGrad, stridedSliceWindow } from '../ops/shape/strided-slice.js';
import { inversePerm, transpose } from '../ops/shape/transpose.js';
import { unsortedSegmentSum } from '../ops/shape/unsorted-segment-sum.js';

registerGradient({ kernelName: 'Reshape', gradFunc: ([dy], { inputs: [x] }) => [reshape(dy, x.shape)] });

registerGradient({ kernelName: 'BroadcastTo', gradFunc: ([dy], { inputs: [x] }) => [sumToShape(dy, x.shape)] });

registerGradient({
  kernelName: 'Transpose',
  gradFunc: ([dy], _saved, { perm }) => [transpose(dy, { perm: inversePerm(perm) })],
});

// Each input gets its own window of dy along the concat axis.
registerGradient({
  kernelName: 'Concat',
  gradFunc: ([dy], { inputs }, { axis }) => {
    const begin = dy.shape.map(() => 0);
    return inputs.map((x) => {
      const part = slice(dy, [...begin], [...x.shape]);
      begin[axis] += x.shape[axis];
      return part;
    });
  },
});

registerGradient({
  kernelName: 'Slice',
  gradFunc: ([dy], { inputs: [x] }, { begin, size }) => [
    pad(dy, x.shape.map((d, i) => [begin[i], d - begin[i] - size[i]] as [number, number])),
  ],
});

registerGradient({
  kernelName: 'StridedSlice',
  gradFunc: ([dy], { inputs: [x] }, { begin, strides, size }) => [stridedSliceGrad(dy, [...x.shape], begin, strides, size)],
});

// StridedSliceGrad is linear in dy: its own gradient reads the same window back.
registerGradient({
  kernelName: 'StridedSliceGrad',
  gradFunc: ([ddx], _saved, { begin, strides, size }) => [stridedSliceWindow(ddx, begin, strides, size)],
});

registerGradient({
  kernelName: 'Pad',
  gradFunc: ([dy], { inputs: [x] }, { paddings }) => [slice(dy, paddings.map((p) => p[0]), [...x.shape])],
});

/**
 * Gather's gradient adds each dy slice back into the row it came from. dy is [outer, indices..., inner];
 * moving the index axes to the front lets UnsortedSegmentSum do the adding along axis 0.
 */
registerGradient({
  kernelName: 'Gather',
  gradFunc: ([dy], { inputs: [x, indices] }, { axis }) => {
    const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const n = x.shape[axis];
    const rows = transpose(reshape(dy, [outer, indices.size, inner]), { perm: [1, 0, 2] });
    const summed = unsortedSegmentSum(reshape(rows, [indices.size, outer * inner]), reshape(indices, [-1]), n);
    const back = transpose(reshape(summed, [n, outer, inner]), { perm: [1, 0, 2] });
    return [reshape(back, x.shape), null];
  },
});

registerGradient({
  kernelName: 'UnsortedSegmentSum',
  gradFunc: ([dy], { inputs: [, segmentIds] }) => [gather(dy, segmentIds), null],
});

/** Tile's gradient sums the copies: each tiled axis i is split into [reps, dim] and the reps summed. */
registerGradient({
  kernelName: 'Tile',
  gradFunc: ([dy], { inputs: [x] }, { reps }) => {
    let g: Tensor = dy;
    reps.forEach((r, i) => {
      if (r === 1) return;
      const pre = x.shape.slice(0, i).reduce((a, b) => a * b, 1);
      const post = g.shape.slice(i + 1).reduce((a, b) => a * b, 1);
      const split = reshape(g, [pre, r, x.shape[i], post]);
      g = reshape(sum(split, { axis: 1 }), [...x.shape.slice(0, i + 1), ...g.shape.slice(i + 1)]);
    });
    return [g];
  },
});
