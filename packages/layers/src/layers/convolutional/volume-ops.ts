// 3-D convolution and pooling composed from the 2-D ops: each output depth is a sum (conv) or a max /
// mean (pool) of 2-D results on the input's depth slices that its window covers. Autodiff goes through
// the 2-D ops, slices and stack, so there is no separate 3-D kernel to write or check per backend; the
// cost is one 2-D op per (output depth, kernel depth) pair, fine for the small volumes real files use.
import { add, avgPool, conv2d, div, maxPool, maximum, reshape, slice, stack, tidy, transpose, type Tensor } from '@neurite/tensor';
import { convOutputLength, dilatedSize } from './conv-geometry.js';

/** The input depths that output depth `o` reads, as [kernelIndex, inputDepth] pairs inside [0, depth). */
function depthTaps(o: number, depth: number, kernel: number, stride: number, dilation: number, padding: 'valid' | 'same'): [number, number][] {
  const out = convOutputLength(depth, kernel, padding, stride, dilation) as number;
  const before = padding === 'same' ? Math.floor(Math.max((out - 1) * stride + dilatedSize(kernel, dilation) - depth, 0) / 2) : 0;
  const taps: [number, number][] = [];
  for (let k = 0; k < kernel; k++) {
    const d = o * stride + k * dilation - before;
    if (d >= 0 && d < depth) taps.push([k, d]);
  }
  return taps;
}

/** [batch, depth, h, w, c] -> one [batch, h, w, c] tensor per depth. */
function depthSlices(x: Tensor): Tensor[] {
  const [b, d, h, w, c] = x.shape;
  return Array.from({ length: d }, (_, i) => reshape(slice(x, [0, i, 0, 0, 0], [b, 1, h, w, c]), [b, h, w, c]));
}

const toLast = (x: Tensor) => transpose(x, { perm: [0, 2, 3, 4, 1] });
const toFirst = (x: Tensor) => transpose(x, { perm: [0, 4, 1, 2, 3] });

/** conv3d of x [batch, depth, height, width, channels] (or channels first) with a kernel [kd, kh, kw, in, out]. */
export function conv3dBySlices(
  xIn: Tensor, kernel: Tensor, strides: number[], padding: 'valid' | 'same', dilations: number[], channelsFirst: boolean,
): Tensor {
  return tidy(() => {
    const x = channelsFirst ? toLast(xIn) : xIn;
    const [kd, kh, kw, cin, cout] = kernel.shape;
    const slices = depthSlices(x);
    const taps2d = Array.from({ length: kd }, (_, k) => reshape(slice(kernel, [k, 0, 0, 0, 0], [1, kh, kw, cin, cout]), [kh, kw, cin, cout]));
    const outDepth = convOutputLength(x.shape[1], kd, padding, strides[0], dilations[0]) as number;
    const planes = Array.from({ length: outDepth }, (_, o) => {
      const parts = depthTaps(o, x.shape[1], kd, strides[0], dilations[0], padding).map(([k, d]) =>
        conv2d(slices[d], taps2d[k], { strides: [strides[1], strides[2]], padding, dilations: [dilations[1], dilations[2]] }),
      );
      return parts.reduce((a, b) => add(a, b));
    });
    const y = stack(planes, { axis: 1 });
    return channelsFirst ? toFirst(y) : y;
  });
}

/** Max or average pooling over [pd, ph, pw] windows of a 5-D input (averages see only in-bounds entries, as Keras). */
export function pool3dBySlices(
  xIn: Tensor, mode: 'max' | 'average', poolSize: number[], strides: number[], padding: 'valid' | 'same', channelsFirst: boolean,
): Tensor {
  return tidy(() => {
    const x = channelsFirst ? toLast(xIn) : xIn;
    const slices = depthSlices(x);
    const pool2d = mode === 'max' ? maxPool : avgPool;
    const outDepth = convOutputLength(x.shape[1], poolSize[0], padding, strides[0], 1) as number;
    const planes = Array.from({ length: outDepth }, (_, o) => {
      const parts = depthTaps(o, x.shape[1], poolSize[0], strides[0], 1, padding).map(([, d]) =>
        pool2d(slices[d], [poolSize[1], poolSize[2]], { strides: [strides[1], strides[2]], padding }),
      );
      // each in-bounds depth slice's 2-D mean covers the same number of entries, so their mean is the window's
      return mode === 'max' ? parts.reduce((a, b) => maximum(a, b)) : div(parts.reduce((a, b) => add(a, b)), parts.length);
    });
    const y = stack(planes, { axis: 1 });
    return channelsFirst ? toFirst(y) : y;
  });
}
