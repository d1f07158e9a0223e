import { describe, expect, it } from 'vitest';
import * as nt from '@neurite/tensor';
import type { BackendUnderTest } from '../harness.js';

/**
 * Every op that takes an options object refuses a key it does not know (a misspelt or snake_case
 * option is never silently ignored), naming the op and the key, and leaves no tensor behind.
 */
export function opOptionsSuite(env: BackendUnderTest): void {
  describe(`op options (${env.name})`, () => {
    const x2 = () => nt.tensor([[1, 2], [3, 4]]);
    const image = () => nt.ones([1, 4, 4, 2]);
    const filter = () => nt.ones([3, 3, 2, 1]);
    // each case: the op's name, a wrong key (and the known key it should point to, if any), the call
    const cases: [string, string, string | null, (options: Record<string, unknown>) => unknown][] = [
      ['concat', 'axes', 'axis', (o) => nt.concat([x2(), x2()], o)],
      ['stack', 'axes', 'axis', (o) => nt.stack([x2(), x2()], o)],
      ['split', 'axes', 'axis', (o) => nt.split(x2(), 2, o)],
      ['squeeze', 'axes', 'axis', (o) => nt.squeeze(nt.ones([1, 2]), o)],
      ['expandDims', 'axes', 'axis', (o) => nt.expandDims(x2(), o)],
      ['gather', 'axes', 'axis', (o) => nt.gather(x2(), [0], o)],
      ['transpose', 'perms', 'perm', (o) => nt.transpose(x2(), o)],
      ['pad', 'constant_value', 'constantValue', (o) => nt.pad(x2(), [[0, 0], [1, 1]], o)],
      ['oneHot', 'on_value', 'onValue', (o) => nt.oneHot([0, 1], 2, o)],
      ['stridedSlice', 'begin_mask', 'beginMask', (o) => nt.stridedSlice(x2(), [0, 0], [1, 1], [1, 1], o)],
      ['conv2d', 'stride', 'strides', (o) => nt.conv2d(image(), filter(), o)],
      ['conv2dTranspose', 'data_format', 'dataFormat', (o) => nt.conv2dTranspose(image().slice([0, 0, 0, 0], [1, 4, 4, 1]), filter(), [1, 6, 6, 2], o)],
      ['fusedConv2d', 'activaton', 'activation', (o) => nt.fusedConv2d(image(), filter(), o)],
      ['conv1d', 'strides', 'stride', (o) => nt.conv1d(nt.ones([1, 5, 2]), nt.ones([3, 2, 1]), o)],
      ['maxPool', 'stride', 'strides', (o) => nt.maxPool(image(), 2, o)],
      ['avgPool1d', 'paddng', 'padding', (o) => nt.avgPool1d(nt.ones([1, 6, 2]), 2, o)],
      ['sum', 'keep_dims', 'keepDims', (o) => nt.sum(x2(), o)],
      ['mean', 'axes', 'axis', (o) => nt.mean(x2(), o)],
      ['argMax', 'axes', 'axis', (o) => nt.argMax(x2(), o)],
      ['matMul', 'transpose_b', 'transposeB', (o) => nt.matMul(x2(), x2(), o)],
      ['fusedMatMul', 'bais', null, (o) => nt.fusedMatMul(x2(), x2(), o)],
      ['randomUniform', 'maxval', null, (o) => nt.randomUniform([2], o)],
      ['randomNormal', 'std', null, (o) => nt.randomNormal([2], o)],
      ['truncatedNormal', 'stdev', 'stddev', (o) => nt.truncatedNormal([2], o)],
      ['bernoulli', 'prob', null, (o) => nt.bernoulli([2], o)],
      ['dropout', 'noise_shape', 'noiseShape', (o) => nt.dropout(x2(), 0.5, o)],
      ['variable', 'trainble', 'trainable', (o) => nt.variable(x2(), o)],
    ];
    for (const [op, key, meant, call] of cases) {
      it(`${op} refuses the unknown option '${key}'`, () => {
        const before = nt.memory().numTensors;
        let message = '';
        nt.tidy(() => {
          try {
            call({ [key]: 1 });
          } catch (e) {
            message = (e as Error).message;
          }
        });
        expect(message).toMatch(new RegExp(`^${op}: unknown option '${key}'`));
        if (meant) expect(message).toMatch(new RegExp(`\\((use ${meant}: options are camelCase|did you mean '${meant}'\\?)\\)`));
        expect(nt.memory().numTensors).toBe(before);
      });
    }
  });
}
