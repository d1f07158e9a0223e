import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setBackend, tensor, type Tensor } from '@neurite/tensor';
import { layers } from '../src/index.js';
import { matrix } from './model-helpers.js';

// The Dot merge layer against TensorFlow.js 4.22's `tf.layers.dot` on the same inputs.
describe('Dot agrees with TensorFlow.js 4.22', () => {
  beforeAll(async () => {
    await setBackend('cpu');
    await tf.setBackend('cpu');
  });

  const cases: { x: number[]; y: number[]; axes: number | [number, number]; normalize: boolean }[] = [
    { x: [4, 6], y: [4, 6], axes: 1, normalize: false },
    { x: [4, 6], y: [4, 6], axes: -1, normalize: true },
    { x: [3, 5, 2], y: [3, 2, 5], axes: [1, 2], normalize: false },
    { x: [3, 4, 6], y: [3, 6, 2], axes: [2, 1], normalize: true },
  ];
  for (const { x, y, axes, normalize } of cases) {
    it(`x ${JSON.stringify(x)}, y ${JSON.stringify(y)}, axes ${JSON.stringify(axes)}, normalize ${normalize}`, async () => {
      const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
      const xv = matrix(1, size(x), 3)[0];
      const yv = matrix(1, size(y), 4)[0];
      const ours = layers.dot({ axes, normalize }).apply([tensor(xv, x), tensor(yv, y)]) as Tensor;
      const theirs = tf.layers.dot({ axes, normalize }).apply([tf.tensor(xv, x), tf.tensor(yv, y)]) as tf.Tensor;
      expect([...ours.shape]).toEqual(theirs.shape);
      const [a, b] = [ours.dataSync(), await theirs.data()];
      for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5);
    });
  }
});
