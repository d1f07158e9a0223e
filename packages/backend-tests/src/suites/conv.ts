import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  avgPool, avgPool1d, computeConv2DInfo, conv1d, conv2d, conv2dTranspose, depthwiseConv2d, grad, grads, maxPool, maxPool1d,
  memory, tensor, type Tensor,
} from '@neurite/tensor';
import { PROPERTY_RUNS, checkGradients, expectClose, type BackendUnderTest } from '../harness.js';
import { expectCloseScaled, seededValues } from './linalg.js';

// ---- the test's own geometry and reference loops (channels-last, float64) ---------------------------

type Padding = 'valid' | 'same' | [[number, number], [number, number]];

interface Geometry {
  N: number; H: number; W: number; C: number;
  FH: number; FW: number; SH: number; SW: number; DH: number; DW: number;
  top: number; left: number; OH: number; OW: number;
}

/** Output size and leading padding along one axis, straight from the TF/Keras definitions. */
function axis(inSize: number, f: number, s: number, d: number, padding: 'valid' | 'same' | [number, number]) {
  const eff = (f - 1) * d + 1;
  if (padding === 'same') {
    const out = Math.ceil(inSize / s);
    const total = Math.max((out - 1) * s + eff - inSize, 0);
    return { out, before: Math.floor(total / 2) };
  }
  const [before, after] = padding === 'valid' ? [0, 0] : padding;
  return { out: Math.floor((inSize + before + after - eff) / s) + 1, before };
}

function geometry(
  [N, H, W, C]: number[], [FH, FW]: number[], [SH, SW]: number[], [DH, DW]: number[], padding: Padding,
): Geometry {
  const rows = axis(H, FH, SH, DH, typeof padding === 'string' ? padding : padding[0]);
  const cols = axis(W, FW, SW, DW, typeof padding === 'string' ? padding : padding[1]);
  return { N, H, W, C, FH, FW, SH, SW, DH, DW, top: rows.before, left: cols.before, OH: rows.out, OW: cols.out };
}

/** Calls visit(n, oy, ox, fy, fx, inputOffset) for every in-bounds tap (inputOffset = pixel index * C). */
function forEachTap(g: Geometry, visit: (n: number, oy: number, ox: number, fy: number, fx: number, xOff: number) => void): void {
  for (let n = 0; n < g.N; n++)
    for (let oy = 0; oy < g.OH; oy++)
      for (let ox = 0; ox < g.OW; ox++)
        for (let fy = 0; fy < g.FH; fy++)
          for (let fx = 0; fx < g.FW; fx++) {
            const iy = oy * g.SH - g.top + fy * g.DH;
            const ix = ox * g.SW - g.left + fx * g.DW;
            if (iy >= 0 && iy < g.H && ix >= 0 && ix < g.W) visit(n, oy, ox, fy, fx, ((n * g.H + iy) * g.W + ix) * g.C);
          }
}

interface Reference { values: Float64Array; scale: Float64Array }

function conv2dRef(g: Geometry, x: ArrayLike<number>, f: ArrayLike<number>, O: number): Reference {
  const values = new Float64Array(g.N * g.OH * g.OW * O);
  const scale = new Float64Array(values.length);
  forEachTap(g, (n, oy, ox, fy, fx, xOff) => {
    const o0 = ((n * g.OH + oy) * g.OW + ox) * O;
    for (let c = 0; c < g.C; c++)
      for (let o = 0; o < O; o++) {
        const p = x[xOff + c] * f[((fy * g.FW + fx) * g.C + c) * O + o];
        values[o0 + o] += p;
        scale[o0 + o] += Math.abs(p);
      }
  });
  return { values, scale };
}

function depthwiseRef(g: Geometry, x: ArrayLike<number>, f: ArrayLike<number>, M: number): Reference {
  const OC = g.C * M;
  const values = new Float64Array(g.N * g.OH * g.OW * OC);
  const scale = new Float64Array(values.length);
  forEachTap(g, (n, oy, ox, fy, fx, xOff) => {
    for (let c = 0; c < g.C; c++)
      for (let q = 0; q < M; q++) {
        const o = ((n * g.OH + oy) * g.OW + ox) * OC + c * M + q;
        const p = x[xOff + c] * f[((fy * g.FW + fx) * g.C + c) * M + q];
        values[o] += p;
        scale[o] += Math.abs(p);
      }
  });
  return { values, scale };
}

/**
 * conv2dTranspose by scattering: x is laid out like the forward conv's output (g.OH x g.OW, inC
 * channels), the result like its input (g.H x g.W, g.C = outC channels); filter [fh, fw, outC, inC].
 */
function conv2dTransposeRef(g: Geometry, x: ArrayLike<number>, f: ArrayLike<number>, inC: number): Reference {
  const values = new Float64Array(g.N * g.H * g.W * g.C);
  const scale = new Float64Array(values.length);
  forEachTap(g, (n, oy, ox, fy, fx, outOff) => {
    const xOff = ((n * g.OH + oy) * g.OW + ox) * inC;
    for (let oc = 0; oc < g.C; oc++)
      for (let ic = 0; ic < inC; ic++) {
        const p = x[xOff + ic] * f[((fy * g.FW + fx) * g.C + oc) * inC + ic];
        values[outOff + oc] += p;
        scale[outOff + oc] += Math.abs(p);
      }
  });
  return { values, scale };
}

function poolRef(g: Geometry, x: ArrayLike<number>, kind: 'max' | 'avg'): Reference {
  const size = g.N * g.OH * g.OW * g.C;
  const values = new Float64Array(size).fill(kind === 'max' ? -Infinity : 0);
  const scale = new Float64Array(size);
  const counts = new Float64Array(size);
  forEachTap(g, (n, oy, ox, _fy, _fx, xOff) => {
    const o0 = ((n * g.OH + oy) * g.OW + ox) * g.C;
    for (let c = 0; c < g.C; c++) {
      const v = x[xOff + c];
      if (kind === 'max') values[o0 + c] = Math.max(values[o0 + c], v);
      else values[o0 + c] += v;
      scale[o0 + c] += Math.abs(v);
      counts[o0 + c]++;
    }
  });
  if (kind === 'avg') for (let i = 0; i < size; i++) values[i] /= counts[i];
  return { values, scale };
}

/** Permutes a row-major array of `shape` by `perm` (output axis i is input axis perm[i]). */
function permute(values: ArrayLike<number>, shape: number[], perm: number[]): Float32Array {
  const outShape = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(values.length);
  const coord = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < out.length; i++) {
    let src = 0;
    for (let a = 0; a < perm.length; a++) src += coord[a] * strides[perm[a]];
    out[i] = values[src];
    for (let a = outShape.length - 1; a >= 0; a--) {
      if (++coord[a] < outShape[a]) break;
      coord[a] = 0;
    }
  }
  return out;
}

const NHWC_TO_NCHW = [0, 3, 1, 2];
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** An NHWC array as the op sees it: channels-first if asked, without the batch axis if unbatched. */
function asInput(values: Float32Array, nhwc: number[], channelsFirst: boolean, unbatched: boolean) {
  const data = channelsFirst ? permute(values, nhwc, NHWC_TO_NCHW) : values;
  const shape = channelsFirst ? NHWC_TO_NCHW.map((p) => nhwc[p]) : [...nhwc];
  return { data, shape: unbatched ? shape.slice(1) : shape };
}

/** A reference NHWC result laid out like the op's result. */
function asOutput(ref: Reference, nhwc: number[], channelsFirst: boolean): Reference {
  if (!channelsFirst) return ref;
  return {
    values: Float64Array.from(permute(ref.values, nhwc, NHWC_TO_NCHW)),
    scale: Float64Array.from(permute(ref.scale, nhwc, NHWC_TO_NCHW)),
  };
}

// ---- random configurations ----------------------------------------------------------------------

interface ConvCase {
  N: number; H: number; W: number; C: number; O: number; FH: number; FW: number;
  strides: [number, number]; dilations: [number, number]; padding: Padding;
  channelsFirst: boolean; unbatched: boolean; seed: number;
}

const arbPadding: fc.Arbitrary<Padding> = fc.oneof(
  fc.constant('valid' as const),
  fc.constant('same' as const),
  fc.tuple(fc.tuple(fc.nat(2), fc.nat(2)), fc.tuple(fc.nat(2), fc.nat(2))),
);
const pair = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 1, max }));

function arbConvCase(maxSpatial: number, maxChannels: number, maxFilter: number, paddings = arbPadding): fc.Arbitrary<ConvCase> {
  const dim = (max: number) => fc.integer({ min: 1, max });
  return fc
    .record({
      N: dim(2), H: dim(maxSpatial), W: dim(maxSpatial), C: dim(maxChannels), O: dim(maxChannels),
      FH: dim(maxFilter), FW: dim(maxFilter), strides: pair(2), dilations: pair(2), padding: paddings,
      channelsFirst: fc.boolean(), unbatched: fc.boolean(), seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    })
    .map((c) => ({ ...c, N: c.unbatched ? 1 : c.N }))
    .filter((c) => {
      const g = geometry([c.N, c.H, c.W, c.C], [c.FH, c.FW], c.strides, c.dilations, c.padding);
      return g.OH >= 1 && g.OW >= 1;
    });
}

function describeCase(op: string, c: object): string {
  return `${op} ${JSON.stringify(c)}`;
}

/** Conformance tests of the 'conv' family, run once per backend. */
export function convSuite(env: BackendUnderTest): void {
  describe(`conv (${env.name})`, () => {
    it('computes hand-checked conv2d, conv1d, depthwise and transposed convolutions', async () => {
      const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      await expectClose(conv2d(x, tensor([1, 0, 0, 1], [2, 2, 1, 1])), [6, 8, 12, 14], env);
      const ones3 = tensor(new Float32Array(9).fill(1), [3, 3, 1, 1]);
      await expectClose(conv2d(x, ones3, { padding: 'same' }), [12, 21, 16, 27, 45, 33, 24, 39, 28], env);
      await expectClose(conv2d(x, ones3, { padding: 'same', strides: 2 }), [12, 16, 24, 28], env);
      await expectClose(conv2d(x, ones3, { padding: [[1, 0], [0, 0]] }), [21, 45], env);
      // a 2x2 filter of 1s dilated by 2 covers the four corners of the 3x3 input
      await expectClose(conv2d(x, tensor([1, 1, 1, 1], [2, 2, 1, 1]), { dilations: 2 }), [1 + 3 + 7 + 9], env);
      // unbatched input, two output channels
      const two = conv2d(tensor([1, 2, 3, 4], [2, 2, 1]), tensor([1, -1], [1, 1, 1, 2]));
      expect(two.shape).toEqual([2, 2, 2]);
      await expectClose(two, [1, -1, 2, -2, 3, -3, 4, -4], env);

      const seq = tensor([1, 2, 3, 4], [1, 4, 1]);
      await expectClose(conv1d(seq, tensor([1, 1], [2, 1, 1]), { padding: 'causal' }), [1, 3, 5, 7], env);
      await expectClose(conv1d(seq, tensor([1, 1], [2, 1, 1]), { padding: 'causal', dilation: 2 }), [1, 2, 4, 6], env);
      await expectClose(conv1d(seq, tensor([1, 10], [2, 1, 1]), { stride: 2 }), [21, 43], env);
      await expectClose(conv1d(seq, tensor([1, 1, 1], [3, 1, 1]), { padding: 'same' }), [3, 6, 9, 7], env);

      // depthwise: channel 0 scaled by [1, 2], channel 1 by [3, 4]
      const dx = tensor([1, 10, 2, 20], [1, 1, 2, 2]);
      await expectClose(depthwiseConv2d(dx, tensor([1, 2, 3, 4], [1, 1, 2, 2])), [1, 2, 30, 40, 2, 4, 60, 80], env);

      // transposed: every input pixel spreads over its own 2x2 block
      const t = conv2dTranspose(tensor([1, 2, 3, 4], [1, 2, 2, 1]), tensor([1, 1, 1, 1], [2, 2, 1, 1]), [1, 4, 4, 1], { strides: 2 });
      await expectClose(t, [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], env);
      const overlap = conv2dTranspose(tensor([1, 2], [1, 1, 2, 1]), tensor([1, 10, 100], [1, 3, 1, 1]), [1, 1, 4, 1], { strides: [1, 1] });
      await expectClose(overlap, [1, 12, 120, 200], env);
    });

    it('computes hand-checked pools, with TF semantics for same padding', async () => {
      const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      await expectClose(maxPool(x, 2, { strides: 1 }), [5, 6, 8, 9], env);
      await expectClose(maxPool(x, 2, { strides: 2, padding: 'same' }), [5, 6, 8, 9], env);
      await expectClose(avgPool(x, 2, { strides: 1 }), [3, 4, 6, 7], env);
      // 'same' with pool 2 stride 2 on 3x3 pads only bottom/right; the padding is not counted
      await expectClose(avgPool(x, 2, { strides: 2, padding: 'same' }), [3, 4.5, 7.5, 9], env);
      await expectClose(avgPool(x, [1, 3], { strides: [2, 1], padding: 'same' }), [1.5, 2, 2.5, 7.5, 8, 8.5], env);
      await expectClose(maxPool(tensor([-1, -5, -3, -2], [1, 2, 2, 1]), 2), [-1], env);
      await expectClose(maxPool1d(tensor([1, 3, 2, 5, 4], [1, 5, 1]), 2), [3, 5], env);
      await expectClose(avgPool1d(tensor([1, 3, 2, 5, 4], [1, 5, 1]), 2, { padding: 'same' }), [2, 3.5, 4], env);
      await expectClose(maxPool1d(tensor([1, 3, 2, 5], [1, 2, 2]), 2, { dataFormat: 'NCW' }), [3, 5], env);
    });

    it('sends the max-pool gradient to the first maximum on ties and averages the avg-pool gradient', async () => {
      const ties = tensor([1, 1, 1, 1], [1, 2, 2, 1]);
      await expectClose(grad((t) => maxPool(t, 2).sum())(ties), [1, 0, 0, 0], env);
      const overlapping = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      // windows of 2 at stride 1 all contain 5's neighbourhood maxima: 5, 6, 8, 9 each once
      await expectClose(grad((t) => maxPool(t, 2, { strides: 1 }).sum())(overlapping), [0, 0, 0, 0, 1, 1, 0, 1, 1], env);
      await expectClose(grad((t) => avgPool(t, 2, { strides: 2, padding: 'same' }).sum())(overlapping),
        [0.25, 0.25, 0.5, 0.25, 0.25, 0.5, 0.5, 0.5, 1], env);
    });

    it('matches reference loops for conv2d over random shapes, strides, dilations, paddings and layouts', async () => {
      await fc.assert(
        fc.asyncProperty(arbConvCase(7, 3, 3), async (c) => {
          const nhwc = [c.N, c.H, c.W, c.C];
          const fShape = [c.FH, c.FW, c.C, c.O];
          const xv = seededValues(c.seed, size(nhwc));
          const fv = seededValues(c.seed + 1, size(fShape));
          const g = geometry(nhwc, fShape, c.strides, c.dilations, c.padding);
          const ref = asOutput(conv2dRef(g, xv, fv, c.O), [c.N, g.OH, g.OW, c.O], c.channelsFirst);
          const input = asInput(xv, nhwc, c.channelsFirst, c.unbatched);
          const y = conv2d(tensor(input.data, input.shape), tensor(fv, fShape), {
            strides: c.strides, dilations: c.dilations, padding: c.padding, dataFormat: c.channelsFirst ? 'NCHW' : 'NHWC',
          });
          const outShape = c.channelsFirst ? [c.N, c.O, g.OH, g.OW] : [c.N, g.OH, g.OW, c.O];
          expect(y.shape).toEqual(c.unbatched ? outShape.slice(1) : outShape);
          await expectCloseScaled(env, y, ref.values, ref.scale, describeCase('conv2d', c));
        }),
        { numRuns: PROPERTY_RUNS * 2 },
      );
    });

    it('matches reference loops for conv2d on larger inputs (chunked im2col and the 1x1 fast path)', async () => {
      for (const [nhwc, fShape, padding, strides] of [
        [[2, 17, 19, 5], [3, 3, 5, 7], 'same', [1, 1]],
        [[1, 33, 35, 9], [1, 1, 9, 6], 'valid', [1, 1]],
        [[1, 20, 21, 3], [5, 4, 3, 4], 'valid', [2, 3]],
      ] as [number[], number[], Padding, [number, number]][]) {
        const xv = seededValues(3, size(nhwc));
        const fv = seededValues(4, size(fShape));
        const g = geometry(nhwc, fShape, strides, [1, 1], padding);
        const ref = conv2dRef(g, xv, fv, fShape[3]);
        const y = conv2d(tensor(xv, nhwc), tensor(fv, fShape), { padding, strides });
        await expectCloseScaled(env, y, ref.values, ref.scale, `conv2d x=[${nhwc}] filter=[${fShape}]`);
      }
    });

    it('matches reference loops for conv1d, including causal padding and NCW', async () => {
      const paddings = fc.constantFrom('valid' as const, 'same' as const, 'causal' as const);
      const arb = fc.record({
        N: fc.integer({ min: 1, max: 2 }), W: fc.integer({ min: 1, max: 9 }), C: fc.integer({ min: 1, max: 3 }),
        O: fc.integer({ min: 1, max: 3 }), F: fc.integer({ min: 1, max: 4 }), stride: fc.integer({ min: 1, max: 2 }),
        dilation: fc.integer({ min: 1, max: 2 }), padding: paddings, channelsFirst: fc.boolean(), unbatched: fc.boolean(),
        seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      }).map((c) => ({ ...c, N: c.unbatched ? 1 : c.N }))
        .filter((c) => c.padding !== 'valid' || (c.F - 1) * c.dilation + 1 <= c.W);
      await fc.assert(
        fc.asyncProperty(arb, async (c) => {
          const nwc = [c.N, c.W, c.C];
          const fShape = [c.F, c.C, c.O];
          const xv = seededValues(c.seed, size(nwc));
          const fv = seededValues(c.seed + 1, size(fShape));
          const pad2d: Padding = c.padding === 'causal' ? [[0, 0], [(c.F - 1) * c.dilation, 0]] : c.padding;
          const g = geometry([c.N, 1, c.W, c.C], [1, c.F], [1, c.stride], [1, c.dilation], pad2d);
          let ref = conv2dRef(g, xv, fv, c.O);
          if (c.channelsFirst) {
            const shape = [c.N, g.OW, c.O];
            ref = { values: Float64Array.from(permute(ref.values, shape, [0, 2, 1])), scale: Float64Array.from(permute(ref.scale, shape, [0, 2, 1])) };
          }
          const data = c.channelsFirst ? permute(xv, nwc, [0, 2, 1]) : xv;
          const shape = c.channelsFirst ? [c.N, c.C, c.W] : nwc;
          const y = conv1d(tensor(data, c.unbatched ? shape.slice(1) : shape), tensor(fv, fShape), {
            stride: c.stride, dilation: c.dilation, padding: c.padding, dataFormat: c.channelsFirst ? 'NCW' : 'NWC',
          });
          const outShape = c.channelsFirst ? [c.N, c.O, g.OW] : [c.N, g.OW, c.O];
          expect(y.shape).toEqual(c.unbatched ? outShape.slice(1) : outShape);
          if (c.padding === 'causal') expect(g.OW).toBe(Math.ceil(c.W / c.stride));
          await expectCloseScaled(env, y, ref.values, ref.scale, describeCase('conv1d', c));
        }),
        { numRuns: PROPERTY_RUNS * 2 },
      );
    });

    it('matches reference loops for depthwiseConv2d', async () => {
      await fc.assert(
        fc.asyncProperty(arbConvCase(6, 3, 3), async (c) => {
          const M = c.O; // the channel multiplier
          const nhwc = [c.N, c.H, c.W, c.C];
          const fShape = [c.FH, c.FW, c.C, M];
          const xv = seededValues(c.seed, size(nhwc));
          const fv = seededValues(c.seed + 1, size(fShape));
          const g = geometry(nhwc, fShape, c.strides, c.dilations, c.padding);
          const ref = asOutput(depthwiseRef(g, xv, fv, M), [c.N, g.OH, g.OW, c.C * M], c.channelsFirst);
          const input = asInput(xv, nhwc, c.channelsFirst, c.unbatched);
          const y = depthwiseConv2d(tensor(input.data, input.shape), tensor(fv, fShape), {
            strides: c.strides, dilations: c.dilations, padding: c.padding, dataFormat: c.channelsFirst ? 'NCHW' : 'NHWC',
          });
          await expectCloseScaled(env, y, ref.values, ref.scale, describeCase('depthwiseConv2d', c));
        }),
        { numRuns: PROPERTY_RUNS * 2 },
      );
    });

    it('matches reference loops for conv2dTranspose', async () => {
      // c describes the forward conv2d: from outputShape [N, H, W, C] to x [N, OH, OW, O]
      await fc.assert(
        fc.asyncProperty(arbConvCase(7, 3, 3), async (c) => {
          const outNHWC = [c.N, c.H, c.W, c.C];
          const fShape = [c.FH, c.FW, c.C, c.O];
          const g = geometry(outNHWC, fShape, c.strides, c.dilations, c.padding);
          const xNHWC = [c.N, g.OH, g.OW, c.O];
          const xv = seededValues(c.seed, size(xNHWC));
          const fv = seededValues(c.seed + 1, size(fShape));
          const ref = asOutput(conv2dTransposeRef(g, xv, fv, c.O), outNHWC, c.channelsFirst);
          const input = asInput(xv, xNHWC, c.channelsFirst, c.unbatched);
          const outputShape = c.channelsFirst ? NHWC_TO_NCHW.map((p) => outNHWC[p]) : outNHWC;
          const y = conv2dTranspose(tensor(input.data, input.shape), tensor(fv, fShape), c.unbatched ? outputShape.slice(1) : outputShape, {
            strides: c.strides, dilations: c.dilations, padding: c.padding, dataFormat: c.channelsFirst ? 'NCHW' : 'NHWC',
          });
          expect(y.shape).toEqual(c.unbatched ? outputShape.slice(1) : outputShape);
          await expectCloseScaled(env, y, ref.values, ref.scale, describeCase('conv2dTranspose', c));
        }),
        { numRuns: PROPERTY_RUNS * 2 },
      );
    });

    it('matches reference loops for maxPool and avgPool', async () => {
      const arb = fc.record({
        N: fc.integer({ min: 1, max: 2 }), H: fc.integer({ min: 1, max: 7 }), W: fc.integer({ min: 1, max: 7 }),
        C: fc.integer({ min: 1, max: 3 }), pool: pair(3), strides: pair(3), padding: fc.constantFrom('valid' as const, 'same' as const),
        channelsFirst: fc.boolean(), kind: fc.constantFrom('max' as const, 'avg' as const), seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      }).filter((c) => c.padding === 'same' || (c.pool[0] <= c.H && c.pool[1] <= c.W));
      await fc.assert(
        fc.asyncProperty(arb, async (c) => {
          const nhwc = [c.N, c.H, c.W, c.C];
          const xv = seededValues(c.seed, size(nhwc));
          const g = geometry(nhwc, c.pool, c.strides, [1, 1], c.padding);
          const ref = asOutput(poolRef(g, xv, c.kind), [c.N, g.OH, g.OW, c.C], c.channelsFirst);
          const input = asInput(xv, nhwc, c.channelsFirst, false);
          const op = c.kind === 'max' ? maxPool : avgPool;
          const y = op(tensor(input.data, input.shape), c.pool, { strides: c.strides, padding: c.padding, dataFormat: c.channelsFirst ? 'NCHW' : 'NHWC' });
          await expectCloseScaled(env, y, ref.values, ref.scale, describeCase(`${c.kind}Pool`, c));
        }),
        { numRuns: PROPERTY_RUNS * 2 },
      );
    });

    it('matches reference loops, forward and both gradients, on channel counts past one SIMD vector', async () => {
      // Backends vectorise over channels (four at a time in the wasm backend): 4 to 10 channels cover full
      // vectors and every tail. L = sum(op(x, f) * w) for fixed w; the references are L's adjoint loops.
      const arb = fc.record({
        N: fc.integer({ min: 1, max: 2 }), H: fc.integer({ min: 1, max: 5 }), W: fc.integer({ min: 1, max: 5 }),
        C: fc.integer({ min: 4, max: 10 }), O: fc.integer({ min: 1, max: 10 }), M: fc.integer({ min: 1, max: 2 }),
        FH: fc.integer({ min: 1, max: 3 }), FW: fc.integer({ min: 1, max: 3 }), strides: pair(2),
        padding: fc.constantFrom('valid' as const, 'same' as const), seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      }).filter((c) => c.padding === 'same' || (c.FH <= c.H && c.FW <= c.W));
      await fc.assert(
        fc.asyncProperty(arb, async (c) => {
          const nhwc = [c.N, c.H, c.W, c.C];
          const g = geometry(nhwc, [c.FH, c.FW], c.strides, [1, 1], c.padding);
          const xv = seededValues(c.seed, size(nhwc));
          const options = { strides: c.strides, padding: c.padding };
          const what = (op: string) => describeCase(op, c);
          const check = async (t: Tensor, values: Float64Array, scale: Float64Array, op: string) => expectCloseScaled(env, t, values, scale, what(op));
          const weights = (n: number) => seededValues(c.seed + 7, n);

          // conv2d: y[o] = sum x[tap, ch] f[tap, ch, o]
          {
            const fShape = [c.FH, c.FW, c.C, c.O];
            const fv = seededValues(c.seed + 1, size(fShape));
            const ref = conv2dRef(g, xv, fv, c.O);
            const wv = weights(ref.values.length);
            const dx = new Float64Array(xv.length), dxs = new Float64Array(xv.length);
            const df = new Float64Array(fv.length), dfs = new Float64Array(fv.length);
            forEachTap(g, (n, oy, ox, fy, fx, xOff) => {
              const o0 = ((n * g.OH + oy) * g.OW + ox) * c.O;
              for (let ch = 0; ch < c.C; ch++) {
                for (let o = 0; o < c.O; o++) {
                  const fi = ((fy * g.FW + fx) * c.C + ch) * c.O + o;
                  dx[xOff + ch] += wv[o0 + o] * fv[fi];
                  dxs[xOff + ch] += Math.abs(wv[o0 + o] * fv[fi]);
                  df[fi] += wv[o0 + o] * xv[xOff + ch];
                  dfs[fi] += Math.abs(wv[o0 + o] * xv[xOff + ch]);
                }
              }
            });
            const x = tensor(xv, nhwc), f = tensor(fv, fShape), w = tensor(wv, [c.N, g.OH, g.OW, c.O]);
            await check(conv2d(x, f, options), ref.values, ref.scale, 'conv2d');
            const [gx, gf] = grads((a, b) => conv2d(a, b, options).mul(w).sum())([x, f]);
            await check(gx, dx, dxs, 'conv2d dx');
            await check(gf, df, dfs, 'conv2d dfilter');
          }

          // depthwiseConv2d: y[ch * M + q] = sum x[tap, ch] f[tap, ch, q]
          {
            const fShape = [c.FH, c.FW, c.C, c.M];
            const fv = seededValues(c.seed + 2, size(fShape));
            const ref = depthwiseRef(g, xv, fv, c.M);
            const wv = weights(ref.values.length);
            const OC = c.C * c.M;
            const dx = new Float64Array(xv.length), dxs = new Float64Array(xv.length);
            const df = new Float64Array(fv.length), dfs = new Float64Array(fv.length);
            forEachTap(g, (n, oy, ox, fy, fx, xOff) => {
              for (let ch = 0; ch < c.C; ch++) {
                for (let q = 0; q < c.M; q++) {
                  const o = ((n * g.OH + oy) * g.OW + ox) * OC + ch * c.M + q;
                  const fi = ((fy * g.FW + fx) * c.C + ch) * c.M + q;
                  dx[xOff + ch] += wv[o] * fv[fi];
                  dxs[xOff + ch] += Math.abs(wv[o] * fv[fi]);
                  df[fi] += wv[o] * xv[xOff + ch];
                  dfs[fi] += Math.abs(wv[o] * xv[xOff + ch]);
                }
              }
            });
            const x = tensor(xv, nhwc), f = tensor(fv, fShape), w = tensor(wv, [c.N, g.OH, g.OW, OC]);
            await check(depthwiseConv2d(x, f, options), ref.values, ref.scale, 'depthwiseConv2d');
            const [gx, gf] = grads((a, b) => depthwiseConv2d(a, b, options).mul(w).sum())([x, f]);
            await check(gx, dx, dxs, 'depthwiseConv2d dx');
            await check(gf, df, dfs, 'depthwiseConv2d dfilter');
          }

          // maxPool and avgPool: the gradient goes to the window's maximum, or is shared by its pixels
          for (const kind of ['max', 'avg'] as const) {
            const ref = poolRef(g, xv, kind);
            const wv = weights(ref.values.length);
            const best = new Float64Array(ref.values.length).fill(-Infinity);
            const argmax = new Int32Array(ref.values.length).fill(-1);
            const counts = new Float64Array(ref.values.length);
            forEachTap(g, (n, oy, ox, _fy, _fx, xOff) => {
              const o0 = ((n * g.OH + oy) * g.OW + ox) * c.C;
              for (let ch = 0; ch < c.C; ch++) {
                counts[o0 + ch]++;
                if (xv[xOff + ch] > best[o0 + ch]) {
                  best[o0 + ch] = xv[xOff + ch];
                  argmax[o0 + ch] = xOff + ch;
                }
              }
            });
            const dx = new Float64Array(xv.length), dxs = new Float64Array(xv.length);
            if (kind === 'max') {
              argmax.forEach((at, o) => {
                dx[at] += wv[o];
                dxs[at] += Math.abs(wv[o]);
              });
            } else {
              forEachTap(g, (n, oy, ox, _fy, _fx, xOff) => {
                const o0 = ((n * g.OH + oy) * g.OW + ox) * c.C;
                for (let ch = 0; ch < c.C; ch++) {
                  dx[xOff + ch] += wv[o0 + ch] / counts[o0 + ch];
                  dxs[xOff + ch] += Math.abs(wv[o0 + ch] / counts[o0 + ch]);
                }
              });
            }
            const op = kind === 'max' ? maxPool : avgPool;
            const pool = [c.FH, c.FW] as [number, number];
            const x = tensor(xv, nhwc), w = tensor(wv, [c.N, g.OH, g.OW, c.C]);
            await check(op(x, pool, options), ref.values, ref.scale, `${kind}Pool`);
            await check(grad((a) => op(a, pool, options).mul(w).sum())(x), dx, dxs, `${kind}Pool dx`);
          }
        }),
        { numRuns: PROPERTY_RUNS * 2 },
      );
    });

    it('exports computeConv2DInfo with TF same-padding geometry', () => {
      const info = computeConv2DInfo([2, 5, 6, 3], [3, 2, 3, 8], { strides: [2, 2], padding: 'same', dilations: [1, 2] });
      expect(info).toEqual({
        batchSize: 2, inHeight: 5, inWidth: 6, inChannels: 3, outHeight: 3, outWidth: 3, outChannels: 8,
        filterHeight: 3, filterWidth: 2, strideHeight: 2, strideWidth: 2, dilationHeight: 1, dilationWidth: 2,
        pad: { top: 1, bottom: 1, left: 0, right: 1 }, channelMultiplier: 1,
      });
      expect(computeConv2DInfo([1, 4, 4, 2], [2, 2, 2, 3], { depthwise: true }).outChannels).toBe(6);
    });

    it('rejects bad arguments with messages that show the shapes', () => {
      const x = tensor(new Float32Array(2 * 5 * 5 * 3), [2, 5, 5, 3]);
      const f = tensor(new Float32Array(3 * 3 * 4 * 2), [3, 3, 4, 2]);
      expect(() => conv2d(x, f)).toThrow(/conv2d: x of shape \[2,5,5,3\] has 3 channels \(dataFormat 'NHWC'\), but filter of shape \[3,3,4,2\] expects 4/);
      expect(() => conv2d(x, f, { dataFormat: 'NCHW' })).toThrow(/conv2d: x of shape \[2,5,5,3\] has 5 channels \(dataFormat 'NCHW'\)/);
      const f3 = tensor(new Float32Array(6 * 6 * 3), [6, 6, 3, 1]);
      expect(() => conv2d(x, f3)).toThrow(/conv2d: a window of effective size \[6, 6\].*does not fit the input of spatial size \[5, 5\]/);
      expect(() => conv2d(x, f3, { padding: 'same' })).not.toThrow();
      const ok = tensor(new Float32Array(27), [3, 3, 3, 1]);
      expect(() => conv2d(x, ok, { strides: 0 })).toThrow(/conv2d: strides must be a positive integer or a pair .*Received: strides=0/);
      expect(() => conv2d(x, ok, { dilations: [1, 1.5] })).toThrow(/conv2d: dilations must be .*Received: dilations=\[1,1.5\]/);
      expect(() => conv2d(x, ok, { padding: 'full' as never })).toThrow(/conv2d: padding must be 'valid', 'same' or \[\[top, bottom\], \[left, right\]\].*Received: padding='full'/);
      expect(() => conv2d(x, ok, { padding: [[1, -1], [0, 0]] })).toThrow(/Received: padding=\[\[1,-1\],\[0,0\]\]/);
      expect(() => conv2d(x, ok, { dataFormat: 'NWHC' as never })).toThrow(/conv2d: dataFormat must be 'NHWC' or 'NCHW'. Received: dataFormat='NWHC'/);
      expect(() => conv2d(tensor([1, 2]), ok)).toThrow(/conv2d: x must be of rank 4 \(NHWC\) or 3 \(unbatched\)/);
      expect(() => conv2d(x, tensor(new Float32Array(9), [3, 3, 1]))).toThrow(/conv2d: filter must be of rank 4/);
      expect(() => conv2d(tensor(new Int32Array(75), [1, 5, 5, 3]), ok)).toThrow(/conv2d: x.dtype must be 'float32'/);

      const seq = tensor(new Float32Array(10), [1, 5, 2]);
      expect(() => conv1d(seq, tensor(new Float32Array(3), [1, 3, 1]))).toThrow(/conv1d: x of shape \[1,5,2\] has 2 channels \(dataFormat 'NWC'\), but filter of shape \[1,3,1\] expects 3/);
      expect(() => conv1d(seq, tensor([1, 1], [1, 2, 1]), { padding: 'full' as never })).toThrow(/conv1d: padding must be 'valid', 'same' or 'causal'/);
      expect(() => conv1d(seq, tensor([1, 1], [1, 2, 1]), { stride: 0 })).toThrow(/conv1d: stride must be a positive integer. Received: stride=0/);

      expect(() => depthwiseConv2d(x, f)).toThrow(/depthwiseConv2d: x of shape \[2,5,5,3\] has 3 channels .*filter of shape \[3,3,4,2\] expects 4/);

      const tx = tensor(new Float32Array(2 * 2 * 2 * 2), [2, 2, 2, 2]);
      const tf = tensor(new Float32Array(2 * 2 * 3 * 2), [2, 2, 3, 2]);
      expect(() => conv2dTranspose(tx, tf, [2, 4, 4, 3], { strides: 2 })).not.toThrow();
      expect(() => conv2dTranspose(tx, tf, [2, 5, 5, 3], { strides: 2 })).not.toThrow(); // 5 -> 2 as well, as in TF
      expect(() => conv2dTranspose(tx, tf, [2, 6, 6, 3], { strides: 2 })).toThrow(/gives spatial size \[3,3\], but x of shape \[2,2,2,2\] has \[2,2\]/);
      expect(() => conv2dTranspose(tx, tf, [2, 4, 4, 5], { strides: 2 })).toThrow(/conv2dTranspose: outputShape \[2,4,4,5\] must have x's batch size and the filter's 3 output channels/);
      expect(() => conv2dTranspose(tx, tf, [4, 4, 3])).toThrow(/conv2dTranspose: outputShape must be an array of 4 positive integers/);
      expect(() => conv2dTranspose(tx, tensor(new Float32Array(12), [2, 2, 1, 3]), [2, 4, 4, 1])).toThrow(/conv2dTranspose: x of shape \[2,2,2,2\] has 2 channels .*expects 3/);

      expect(() => maxPool(x, 0)).toThrow(/maxPool: poolSize must be a positive integer or a pair .*Received: poolSize=0/);
      expect(() => maxPool(x, 6)).toThrow(/maxPool: a window of effective size \[6, 6\]/);
      expect(() => avgPool(x, 2, { padding: [[0, 0], [0, 0]] as never })).toThrow(/avgPool: padding must be 'valid' or 'same'/);
      expect(() => avgPool1d(x, 2)).toThrow(/avgPool1d: x must be of rank 3 \(NWC\) or 2 \(unbatched\)/);
      expect(() => maxPool1d(seq, 2, { strides: -1 })).toThrow(/maxPool1d: strides must be a positive integer. Received: strides=-1/);
    });

    it('leaves no intermediate tensors behind for channels-first and unbatched inputs', () => {
      const x = tensor(new Float32Array(3 * 4 * 4), [3, 4, 4]);
      const f = tensor(new Float32Array(3 * 3 * 3 * 2), [3, 3, 3, 2]);
      const before = memory().numTensors;
      const y = conv2d(x, f, { dataFormat: 'NCHW', padding: 'same' });
      expect(y.shape).toEqual([2, 4, 4]);
      const p = maxPool(y, 2, { dataFormat: 'NCHW' });
      expect(p.shape).toEqual([2, 2, 2]);
      expect(memory().numTensors).toBe(before + 2);
      [x, f, y, p].forEach((t) => t.dispose());
    });

    // ---- gradients (tiny shapes: every input element costs two forward passes) -----------------------

    const values = (seed: number, shape: number[]) => Array.from(seededValues(seed, size(shape)));

    it('has finite-difference gradients for conv2d (x and filter, strides, dilations, paddings, NCHW)', async () => {
      await fc.assert(
        fc.asyncProperty(arbConvCase(4, 2, 2), async (c) => {
          const input = asInput(seededValues(c.seed, c.N * c.H * c.W * c.C), [c.N, c.H, c.W, c.C], c.channelsFirst, c.unbatched);
          const fShape = [c.FH, c.FW, c.C, c.O];
          const options = { strides: c.strides, dilations: c.dilations, padding: c.padding, dataFormat: c.channelsFirst ? 'NCHW' as const : 'NHWC' as const };
          await checkGradients((a, w) => conv2d(a, w, options), [Array.from(input.data), values(c.seed + 1, fShape)], [input.shape, fShape]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('has finite-difference gradients for conv1d (causal, same, strided, dilated, NCW)', async () => {
      const arb = fc.record({
        W: fc.integer({ min: 2, max: 6 }), C: fc.integer({ min: 1, max: 2 }), O: fc.integer({ min: 1, max: 2 }),
        F: fc.integer({ min: 1, max: 3 }), stride: fc.integer({ min: 1, max: 2 }), dilation: fc.integer({ min: 1, max: 2 }),
        padding: fc.constantFrom('same' as const, 'causal' as const, 'valid' as const), ncw: fc.boolean(), seed: fc.integer({ min: 1, max: 1e9 }),
      }).filter((c) => c.padding !== 'valid' || (c.F - 1) * c.dilation + 1 <= c.W);
      await fc.assert(
        fc.asyncProperty(arb, async (c) => {
          const xShape = c.ncw ? [1, c.C, c.W] : [1, c.W, c.C];
          const fShape = [c.F, c.C, c.O];
          const options = { stride: c.stride, dilation: c.dilation, padding: c.padding, dataFormat: c.ncw ? 'NCW' as const : 'NWC' as const };
          await checkGradients((a, w) => conv1d(a, w, options), [values(c.seed, xShape), values(c.seed + 1, fShape)], [xShape, fShape]);
        }),
        { numRuns: Math.ceil(PROPERTY_RUNS / 2) },
      );
    });

    it('has finite-difference gradients for depthwiseConv2d', async () => {
      await fc.assert(
        fc.asyncProperty(arbConvCase(4, 2, 2), async (c) => {
          const input = asInput(seededValues(c.seed, c.N * c.H * c.W * c.C), [c.N, c.H, c.W, c.C], c.channelsFirst, c.unbatched);
          const fShape = [c.FH, c.FW, c.C, c.O];
          const options = { strides: c.strides, dilations: c.dilations, padding: c.padding, dataFormat: c.channelsFirst ? 'NCHW' as const : 'NHWC' as const };
          await checkGradients((a, w) => depthwiseConv2d(a, w, options), [Array.from(input.data), values(c.seed + 1, fShape)], [input.shape, fShape]);
        }),
        { numRuns: Math.ceil(PROPERTY_RUNS / 2) },
      );
    });

    it('has finite-difference gradients for conv2dTranspose (x and filter)', async () => {
      await fc.assert(
        fc.asyncProperty(arbConvCase(4, 2, 2), async (c) => {
          const outNHWC = [c.N, c.H, c.W, c.C];
          const fShape = [c.FH, c.FW, c.C, c.O];
          const g = geometry(outNHWC, fShape, c.strides, c.dilations, c.padding);
          const xShape = [c.N, g.OH, g.OW, c.O];
          const options = { strides: c.strides, dilations: c.dilations, padding: c.padding };
          await checkGradients((a, w) => conv2dTranspose(a, w, outNHWC, options), [values(c.seed, xShape), values(c.seed + 1, fShape)], [xShape, fShape]);
        }),
        { numRuns: Math.ceil(PROPERTY_RUNS / 2) },
      );
    });

    it('has finite-difference gradients for the backprop kernels (second derivatives through dy)', async () => {
      // grads(conv)([x, w], dy) runs the backprop kernels on dy, so differentiating with respect to dy checks
      // their gradients for that input; conv2dTranspose's filter gradient runs Conv2DBackpropFilter with its
      // upstream gradient in the x slot, which checks that slot.
      await fc.assert(
        fc.asyncProperty(arbConvCase(3, 2, 2), fc.boolean(), async (c, depthwise) => {
          const xShape = [c.N, c.H, c.W, c.C];
          const fShape = [c.FH, c.FW, c.C, c.O];
          const g = geometry(xShape, fShape, c.strides, c.dilations, c.padding);
          const dyShape = [c.N, g.OH, g.OW, depthwise ? c.C * c.O : c.O];
          const options = { strides: c.strides, dilations: c.dilations, padding: c.padding };
          const conv = depthwise ? depthwiseConv2d : conv2d;
          const x = tensor(values(c.seed, xShape), xShape);
          const w = tensor(values(c.seed + 1, fShape), fShape);
          const dyValues = [values(c.seed + 2, dyShape)];
          for (const slot of [0, 1]) {
            await checkGradients((dy) => grads((p: Tensor, q: Tensor) => conv(p, q, options))([x, w], dy)[slot], dyValues, [dyShape]);
          }
          if (!depthwise) {
            const y = tensor(dyValues[0], dyShape);
            const transposeFilterGrad = (up: Tensor) => grads((q: Tensor) => conv2dTranspose(y, q, xShape, options))([w], up)[0];
            await checkGradients(transposeFilterGrad, [values(c.seed + 3, xShape)], [xShape]);
            y.dispose();
          }
          x.dispose();
          w.dispose();
        }),
        { numRuns: Math.ceil(PROPERTY_RUNS / 3) },
      );
    });

    it('has finite-difference gradients for maxPool and avgPool', async () => {
      const arb = fc.record({
        H: fc.integer({ min: 1, max: 4 }), W: fc.integer({ min: 1, max: 4 }), C: fc.integer({ min: 1, max: 2 }),
        pool: pair(2), strides: pair(2), padding: fc.constantFrom('valid' as const, 'same' as const), nchw: fc.boolean(),
        kind: fc.constantFrom('max' as const, 'avg' as const), seed: fc.integer({ min: 1, max: 1e9 }),
      }).filter((c) => c.padding === 'same' || (c.pool[0] <= c.H && c.pool[1] <= c.W));
      await fc.assert(
        fc.asyncProperty(arb, async (c) => {
          const shape = c.nchw ? [1, c.C, c.H, c.W] : [1, c.H, c.W, c.C];
          // distinct values 0.1 apart, so the finite-difference step never changes which element is the max
          const n = size(shape);
          const order = Array.from(seededValues(c.seed, n)).map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
          const xs = new Array<number>(n);
          order.forEach(([, i], rank) => (xs[i] = (rank - n / 2) * 0.1));
          const op = c.kind === 'max' ? maxPool : avgPool;
          await checkGradients((a) => op(a, c.pool, { strides: c.strides, padding: c.padding, dataFormat: c.nchw ? 'NCHW' : 'NHWC' }), [xs], [shape]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      // the 1-D pools reshape to 2-D and back
      await checkGradients((a) => maxPool1d(a, 2, { strides: 1, padding: 'same' }), [[0.3, -0.2, 0.5, 0.1, -0.4, 0.2]], [[1, 3, 2]]);
      await checkGradients((a) => avgPool1d(a, 2, { dataFormat: 'NCW' }), [[0.3, -0.2, 0.5, 0.1, -0.4, 0.2]], [[1, 2, 3]]);
    });
  });
}
