import { describe, expect, it } from 'vitest';
import * as nt from '@neurite/tensor';
import type { Tensor } from '@neurite/tensor';
import type { BackendUnderTest } from '../harness.js';

/**
 * Ops called outside `tidy` must leave exactly their result behind: the scalars they make from numbers,
 * casts and a composite op's intermediates are freed before they return.
 */
export function opHygieneSuite(env: BackendUnderTest): void {
  describe(`op hygiene (${env.name})`, () => {
    const x = () => nt.tensor([[1, -2, 3], [4, 5, -6]]);
    // each case: inputs made before counting, then the op call whose leftovers are counted
    const cases: [string, () => Tensor[], (...inputs: Tensor[]) => Tensor | Tensor[]][] = [
      ['mul by a number', () => [x()], (t) => t.mul(2)],
      ['add an int32 tensor (cast)', () => [x(), nt.tensor([1, 2, 3], undefined, 'int32')], (a, b) => nt.add(a, b)],
      ['mean', () => [x()], (t) => nt.mean(t, { axis: 1, keepDims: true })],
      ['softmax', () => [x()], (t) => nt.softmax(t)],
      ['logSumExp', () => [x()], (t) => nt.logSumExp(t, { axis: 0 })],
      ['stack', () => [x()], (t) => nt.stack([t, t], { axis: 1 })],
      ['split', () => [x()], (t) => nt.split(t, 3, { axis: 1 })],
      ['where with a number', () => [x(), x().greater(0)], (t, c) => nt.where(c, t, 0)],
      ['clipByValue', () => [x()], (t) => nt.clipByValue(t, -1, 1)],
      ['matMul with broadcast batch', () => [x().reshape([1, 2, 3]), nt.ones([2, 3, 1])], (a, b) => nt.matMul(a, b)],
      ['gelu approximate', () => [x()], (t) => nt.gelu(t, { approximate: true })],
      ['dropout', () => [x()], (t) => nt.dropout(t, 0.5, { seed: 1 })],
      ['conv2d channels-first', () => [nt.ones([1, 2, 4, 4]), nt.ones([3, 3, 2, 1])], (a, f) => nt.conv2d(a, f, { dataFormat: 'NCHW', padding: 'same' })],
      ['avgPool1d', () => [nt.ones([1, 6, 2])], (t) => nt.avgPool1d(t, 2)],
      ['number array input', () => [], () => nt.exp([1, 2, 3])],
    ];
    for (const [name, prepare, call] of cases) {
      it(`${name} leaves only its result`, () => {
        const inputs = nt.tidy(() => prepare().map((t) => nt.keep(t)));
        const before = nt.memory().numTensors;
        const out = call(...inputs);
        const results = Array.isArray(out) ? out : [out];
        expect(nt.memory().numTensors - before).toBe(results.length);
        nt.dispose([inputs, results]);
      });
    }

    it('a failing op frees what it made before failing', () => {
      const a = nt.tensor([[1, 2, 3]]);
      const condition = a.greater(1);
      const b = nt.tensor([1, 2], undefined, 'int32');
      const before = nt.memory().numTensors;
      // the int32 input is cast before the shapes are found not to fit
      expect(() => nt.where(condition, a, b)).toThrow(/where/);
      expect(() => nt.add(a, [1, 2])).toThrow(/cannot be broadcast/);
      expect(nt.memory().numTensors - before).toBe(0);
      nt.dispose([a, condition, b]);
    });
  });
}
