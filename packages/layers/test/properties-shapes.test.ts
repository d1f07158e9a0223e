// Property 8: for random Dense / Conv1D / Conv2D configurations the real output shape equals
// computeOutputShape (and an independent formula), and getConfig -> fromConfig rebuilds an equal layer
// that gives equal outputs with the same weights. Each case runs through the layer harness.
import '@neurite/backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Conv1D, Conv2D, Conv2DTranspose, Dense, DepthwiseConv2D, MaxPooling2D, AveragePooling1D } from '../src/index.js';
import { runLayerTest } from './harness.js';

const RUNS = 300;
const counts: Record<string, number> = {};
const count = (name: string) => {
  counts[name] = (counts[name] ?? 0) + 1;
};

afterAll(() => {
  console.log(`property 8 cases run: ${JSON.stringify(counts)}`);
});

/** Output length of a conv / pool along one axis, written independently of the library. */
function convLength(len: number, k: number, s: number, d: number, padding: string): number {
  const span = (k - 1) * d + 1;
  return padding === 'valid' ? Math.floor((len - span) / s) + 1 : Math.ceil(len / s);
}

/** strides and dilation rates cannot both exceed 1: draw one of them > 1 at most. */
const stridesAndDilations = (n: number) =>
  fc.oneof(
    fc.record({ strides: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n, maxLength: n }), dilations: fc.constant(new Array<number>(n).fill(1)) }),
    fc.record({ strides: fc.constant(new Array<number>(n).fill(1)), dilations: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n, maxLength: n }) }),
  );

const activation = fc.constantFrom(null, 'relu', 'tanh', 'linear');

describe('property 8: output shapes and config round trips', () => {
  it('Dense', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        activation,
        fc.constantFrom(null, 'l2', 'l1'),
        (units, leading, inDim, useBias, act, reg) => {
          const inputShape = [...leading, inDim];
          runLayerTest({
            layer: () => new Dense({ units, useBias, activation: act, kernelRegularizer: reg }),
            inputShape,
            expectedOutputShape: [...leading, units],
            expectedNumTrainableWeights: useBias ? 2 : 1,
            expectedNumNonTrainableWeights: 0,
            expectedNumLosses: reg ? 1 : 0,
          });
          count('Dense');
        },
      ),
      { numRuns: RUNS, seed: 8001 },
    );
  });

  it('Conv1D', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        stridesAndDilations(1),
        fc.constantFrom('valid', 'same', 'causal'),
        fc.constantFrom('channelsLast', 'channelsFirst'),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (filters, kernel, batch, channels, { strides, dilations }, padding, dataFormat, extra, useBias) => {
          // At least the dilated kernel's span, so that 'valid' fits.
          const steps = (kernel - 1) * dilations[0] + 1 + extra;
          const out = convLength(steps, kernel, strides[0], dilations[0], padding);
          const channelsFirst = dataFormat === 'channelsFirst';
          runLayerTest({
            layer: () =>
              new Conv1D({ filters, kernelSize: kernel, strides: strides[0], dilationRate: dilations[0], padding, dataFormat, useBias, activation: 'relu' }),
            inputShape: channelsFirst ? [batch, channels, steps] : [batch, steps, channels],
            expectedOutputShape: channelsFirst ? [batch, filters, out] : [batch, out, filters],
            expectedNumTrainableWeights: useBias ? 2 : 1,
            expectedNumNonTrainableWeights: 0,
            expectedNumLosses: 0,
          });
          count('Conv1D');
        },
      ),
      { numRuns: RUNS, seed: 8002 },
    );
  });

  it('Conv2D', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
        stridesAndDilations(2),
        fc.constantFrom('valid', 'same'),
        fc.constantFrom('channelsLast', 'channelsFirst'),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 2 }),
        activation,
        (filters, kernel, batch, channels, { strides, dilations }, padding, dataFormat, extra, act) => {
          const spatial = kernel.map((k, i) => (k - 1) * dilations[i] + 1 + extra[i]);
          const out = spatial.map((len, i) => convLength(len, kernel[i], strides[i], dilations[i], padding));
          const channelsFirst = dataFormat === 'channelsFirst';
          runLayerTest({
            layer: () => new Conv2D({ filters, kernelSize: kernel, strides, dilationRate: dilations, padding, dataFormat, activation: act }),
            inputShape: channelsFirst ? [batch, channels, ...spatial] : [batch, ...spatial, channels],
            expectedOutputShape: channelsFirst ? [batch, filters, ...out] : [batch, ...out, filters],
            expectedNumTrainableWeights: 2,
            expectedNumNonTrainableWeights: 0,
            expectedNumLosses: 0,
          });
          count('Conv2D');
        },
      ),
      { numRuns: RUNS, seed: 8003 },
    );
  });

  it('Conv2DTranspose and DepthwiseConv2D (extra)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 1, max: 3 }),
        stridesAndDilations(2),
        fc.constantFrom('valid', 'same'),
        fc.constantFrom('channelsLast', 'channelsFirst'),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }),
        (n, kernel, channels, { strides, dilations }, padding, dataFormat, extra) => {
          const channelsFirst = dataFormat === 'channelsFirst';
          const layout = (c: number, sp: number[]) => (channelsFirst ? [1, c, ...sp] : [1, ...sp, c]);
          const spatial = kernel.map((k, i) => (k - 1) * dilations[i] + 1 + extra[i]);
          const deconv = spatial.map((len, i) => {
            const span = (kernel[i] - 1) * dilations[i] + 1;
            return padding === 'valid' ? len * strides[i] + Math.max(span - strides[i], 0) : len * strides[i];
          });
          runLayerTest({
            layer: () => new Conv2DTranspose({ filters: n, kernelSize: kernel, strides, dilationRate: dilations, padding, dataFormat }),
            inputShape: layout(channels, spatial),
            expectedOutputShape: layout(n, deconv),
            expectedNumTrainableWeights: 2,
            expectedNumNonTrainableWeights: 0,
          });
          const out = spatial.map((len, i) => convLength(len, kernel[i], strides[i], dilations[i], padding));
          runLayerTest({
            layer: () => new DepthwiseConv2D({ depthMultiplier: n, kernelSize: kernel, strides, dilationRate: dilations, padding, dataFormat }),
            inputShape: layout(channels, spatial),
            expectedOutputShape: layout(channels * n, out),
            expectedNumTrainableWeights: 2,
            expectedNumNonTrainableWeights: 0,
          });
          count('Conv2DTranspose');
          count('DepthwiseConv2D');
        },
      ),
      { numRuns: 100, seed: 8004 },
    );
  });

  it('pooling (extra)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
        fc.option(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }), { nil: null }),
        fc.constantFrom('valid', 'same'),
        fc.constantFrom('channelsLast', 'channelsFirst'),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 2 }),
        (pool, strides, padding, dataFormat, extra) => {
          const s = strides ?? pool;
          const spatial = pool.map((p, i) => p + extra[i]);
          const out = spatial.map((len, i) => convLength(len, pool[i], s[i], 1, padding));
          const channelsFirst = dataFormat === 'channelsFirst';
          runLayerTest({
            layer: () => new MaxPooling2D({ poolSize: pool, strides, padding, dataFormat }),
            inputShape: channelsFirst ? [2, 3, ...spatial] : [2, ...spatial, 3],
            expectedOutputShape: channelsFirst ? [2, 3, ...out] : [2, ...out, 3],
            expectedNumTrainableWeights: 0,
            expectedNumNonTrainableWeights: 0,
          });
          runLayerTest({
            layer: () => new AveragePooling1D({ poolSize: pool[0], strides: s[0], padding, dataFormat }),
            inputShape: channelsFirst ? [2, 3, spatial[0]] : [2, spatial[0], 3],
            expectedOutputShape: channelsFirst ? [2, 3, out[0]] : [2, out[0], 3],
            expectedNumTrainableWeights: 0,
            expectedNumNonTrainableWeights: 0,
          });
          count('MaxPooling2D');
          count('AveragePooling1D');
        },
      ),
      { numRuns: 100, seed: 8005 },
    );
  });

  it('ran every case', () => {
    expect(counts).toEqual({ Dense: RUNS, Conv1D: RUNS, Conv2D: RUNS, Conv2DTranspose: 100, DepthwiseConv2D: 100, MaxPooling2D: 100, AveragePooling1D: 100 });
  });
});
