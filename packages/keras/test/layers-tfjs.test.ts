import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispose, setBackend, tensor, type Tensor } from '@neurite/tensor';
import {
  AveragePooling2D, AveragePooling3D, Conv2D, Conv3D, Dense, Dropout, MaxPooling2D, MaxPooling3D, SeparableConv2D, type Layer,
} from '@neurite/layers';

// Agreement with TensorFlow.js 4.22: the same weights and inputs through the same layer give the same
// numbers within 1e-5.
const TOLERANCE = 1e-5;

function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Runs a Neurite layer and a tfjs layer on the same input, with the Neurite layer's weights copied over. */
async function compare(ours: Layer, theirs: tf.layers.Layer, shape: number[], seed: number): Promise<number> {
  const size = shape.reduce((a, b) => a * b, 1);
  const xv = values(size, seed);
  const x = tensor(xv, shape);
  const y = ours.apply(x) as Tensor;
  const tx = tf.tensor(xv, shape);
  theirs.apply(tx); // builds the tfjs layer
  theirs.setWeights(ours.getWeights().map((w) => tf.tensor(w.dataSync() as Float32Array, [...w.shape])));
  const ty = theirs.apply(tx) as tf.Tensor;
  const diff = maxDifference(y.dataSync(), await ty.data());
  dispose([x, y]);
  tf.dispose([tx, ty]);
  return diff;
}

describe('layers agree with TensorFlow.js 4.22', () => {
  beforeAll(async () => {
    await setBackend('cpu');
    await tf.setBackend('cpu');
  });

  it('Dense with bias and relu', async () => {
    const diff = await compare(
      new Dense({ units: 7, activation: 'relu', biasInitializer: { className: 'RandomNormal', config: { seed: 3 } } }),
      tf.layers.dense({ units: 7, activation: 'relu' }),
      [5, 11],
      1,
    );
    expect(diff).toBeLessThan(TOLERANCE);
  });

  for (const padding of ['valid', 'same'] as const) {
    for (const strides of [1, 2]) {
      it(`Conv2D 3x3, padding ${padding}, strides ${strides}`, async () => {
        const diff = await compare(
          new Conv2D({ filters: 4, kernelSize: 3, strides, padding, biasInitializer: { className: 'RandomNormal', config: { seed: 4 } } }),
          tf.layers.conv2d({ filters: 4, kernelSize: 3, strides, padding }),
          [2, 9, 8, 3],
          2,
        );
        expect(diff).toBeLessThan(TOLERANCE);
      });
    }
  }

  it('Conv2D with dilation', async () => {
    const diff = await compare(
      new Conv2D({ filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same' }),
      tf.layers.conv2d({ filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same' }),
      [1, 7, 7, 2],
      3,
    );
    expect(diff).toBeLessThan(TOLERANCE);
  });

  for (const padding of ['valid', 'same'] as const) {
    it(`MaxPooling2D and AveragePooling2D, padding ${padding}`, async () => {
      const max = await compare(new MaxPooling2D({ poolSize: 2, padding }), tf.layers.maxPooling2d({ poolSize: 2, padding }), [2, 7, 5, 3], 5);
      const avg = await compare(
        new AveragePooling2D({ poolSize: 3, strides: 2, padding }),
        tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding }),
        [2, 7, 5, 3],
        6,
      );
      expect(max).toBeLessThan(TOLERANCE);
      expect(avg).toBeLessThan(TOLERANCE);
    });
  }

  for (const padding of ['valid', 'same'] as const) {
    it(`SeparableConv2D, padding ${padding}, depthMultiplier 2`, async () => {
      const diff = await compare(
        new SeparableConv2D({ filters: 3, kernelSize: 3, depthMultiplier: 2, padding, strides: padding === 'same' ? 2 : 1, biasInitializer: { className: 'RandomNormal', config: { seed: 8 } } }),
        tf.layers.separableConv2d({ filters: 3, kernelSize: 3, depthMultiplier: 2, padding, strides: padding === 'same' ? 2 : 1 }),
        [2, 7, 6, 3],
        8,
      );
      expect(diff).toBeLessThan(TOLERANCE);
    });

    it(`Conv3D (built from 2-D convolutions), padding ${padding}`, async () => {
      const diff = await compare(
        new Conv3D({ filters: 2, kernelSize: [3, 2, 3], strides: padding === 'same' ? [2, 1, 2] : 1, padding, biasInitializer: { className: 'RandomNormal', config: { seed: 9 } } }),
        tf.layers.conv3d({ filters: 2, kernelSize: [3, 2, 3], strides: padding === 'same' ? [2, 1, 2] : 1, padding }),
        [2, 5, 4, 5, 3],
        9,
      );
      expect(diff).toBeLessThan(TOLERANCE);
    });

    it(`MaxPooling3D and AveragePooling3D, padding ${padding}`, async () => {
      const max = await compare(new MaxPooling3D({ poolSize: 2, padding }), tf.layers.maxPooling3d({ poolSize: 2, padding }), [2, 5, 4, 3, 2], 10);
      const avg = await compare(
        new AveragePooling3D({ poolSize: [3, 2, 2], strides: [2, 1, 2], padding }),
        tf.layers.averagePooling3d({ poolSize: [3, 2, 2], strides: [2, 1, 2], padding }),
        [2, 5, 4, 5, 2],
        11,
      );
      expect(max).toBeLessThan(TOLERANCE);
      expect(avg).toBeLessThan(TOLERANCE);
    });
  }

  it('Dropout at inference is the identity in both', async () => {
    const diff = await compare(new Dropout({ rate: 0.5, seed: 1 }), tf.layers.dropout({ rate: 0.5 }), [4, 6], 7);
    expect(diff).toBe(0);
  });
});
