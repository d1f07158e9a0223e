import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adagrad, Adam, RMSprop, SGD, type OptimizerLike } from '../src/optimizers/index.js';
import { problem, runNeurite } from './optimizers-reference.js';

// Agreement with TensorFlow.js 4.22: the same weights and gradients through both libraries' optimizers.
// tfjs's Adam puts epsilon on the bias-corrected sqrt(v̂) while Keras 3 puts it on sqrt(v) and folds the
// correction into the step size; with equal epsilons the two differ by far less than 1e-5 here.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The same problem through a tfjs optimizer; returns the final weights. */
function runTfjs(optimizer: tf.Optimizer, shapes: number[][], init: number[][], gradsPerStep: number[][][]): number[][] {
  const vars = shapes.map((s, i) => tf.variable(tf.tensor(init[i], s)));
  for (const grads of gradsPerStep) {
    tf.tidy(() => {
      optimizer.applyGradients(grads.map((g, i) => ({ name: vars[i].name, tensor: tf.tensor(g, shapes[i]) })));
    });
  }
  const out = vars.map((v) => Array.from(v.dataSync()));
  vars.forEach((v) => v.dispose());
  optimizer.dispose();
  return out;
}

/** The largest absolute difference between the two libraries' final weights. */
function maxDiff(neurite: OptimizerLike, tfjs: tf.Optimizer, steps: number, seed: number): number {
  const { shapes, init, grads } = problem(steps, seed);
  const a = runNeurite(neurite, shapes, init, grads);
  const b = runTfjs(tfjs, shapes, init, grads);
  neurite.dispose();
  let worst = 0;
  a.forEach((w, i) => w.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - b[i][k])))));
  // The weights did move (so a wrong update could not pass).
  expect(Math.max(...a[0].map((x, k) => Math.abs(x - init[0][k])))).toBeGreaterThan(1e-3);
  return worst;
}

describe('agreement with TensorFlow.js 4.22 (within 1e-5)', () => {
  it.each([1, 5])('SGD, %i step(s)', (steps) => {
    expect(maxDiff(new SGD({ learningRate: 0.1 }), tf.train.sgd(0.1), steps, 3)).toBeLessThan(1e-5);
  });
  it.each([1, 5])('SGD with momentum 0.9, %i step(s)', (steps) => {
    expect(maxDiff(new SGD({ learningRate: 0.1, momentum: 0.9 }), tf.train.momentum(0.1, 0.9), steps, 4)).toBeLessThan(1e-5);
  });
  it.each([1, 5])('SGD with Nesterov momentum, %i step(s)', (steps) => {
    expect(maxDiff(new SGD({ learningRate: 0.05, momentum: 0.8, nesterov: true }), tf.train.momentum(0.05, 0.8, true), steps, 5)).toBeLessThan(1e-5);
  });
  it.each([1, 5])('Adam (epsilon 1e-8 in both), %i step(s)', (steps) => {
    expect(maxDiff(new Adam({ learningRate: 0.01, epsilon: 1e-8 }), tf.train.adam(0.01, 0.9, 0.999, 1e-8), steps, 6)).toBeLessThan(1e-5);
  });
  it('Adam with other betas, 5 steps', () => {
    expect(maxDiff(new Adam({ learningRate: 0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-8 }), tf.train.adam(0.02, 0.8, 0.99, 1e-8), 5, 7)).toBeLessThan(1e-5);
  });
  it('RMSprop (plain and centered with momentum), 5 steps', () => {
    expect(maxDiff(new RMSprop({ learningRate: 0.01 }), tf.train.rmsprop(0.01, 0.9, 0, 1e-7), 5, 8)).toBeLessThan(1e-5);
    expect(maxDiff(new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true }), tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true), 5, 9)).toBeLessThan(1e-5);
  });
  it('Adagrad, 5 steps', () => {
    expect(maxDiff(new Adagrad({ learningRate: 0.1 }), tf.train.adagrad(0.1, 0.1), 5, 10)).toBeLessThan(1e-5);
  });
  it('a wrong hyper-parameter is caught (the comparison can fail)', () => {
    expect(maxDiff(new SGD({ learningRate: 0.1, momentum: 0.5 }), tf.train.momentum(0.1, 0.9), 5, 4)).toBeGreaterThan(1e-3);
    expect(maxDiff(new Adam({ learningRate: 0.01, beta1: 0.5, epsilon: 1e-8 }), tf.train.adam(0.01, 0.9, 0.999, 1e-8), 5, 6)).toBeGreaterThan(1e-4);
  });
});
