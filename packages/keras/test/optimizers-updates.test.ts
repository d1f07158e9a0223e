import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { memory, tensor, tidy, variable, zeros } from '@neurite/tensor';
import {
  Adagrad, Adam, AdamW, CosineDecay, ExponentialDecay, RMSprop, SGD, type OptimizerLike,
} from '../src/optimizers/index.js';
import { ReferenceOptimizer, close, problem, runNeurite, runReference, type RefConfig } from './optimizers-reference.js';

const STEPS = 6;

/** Large gradients for three steps, then small ones: v falls below its running maximum (AMSGrad matters). */
function shrinkingProblem(steps: number) {
  const p = problem(steps);
  return { ...p, grads: p.grads.map((gs, s) => gs.map((g) => g.map((x) => x * (s < 3 ? 3 : 0.05)))) };
}

/** Runs the optimizer and the reference over the same problem and compares the final weights. */
function agree(optimizer: OptimizerLike, config: RefConfig, steps = STEPS, shrinking = false): void {
  const tol = 1e-5;
  const { shapes, init, grads } = shrinking ? shrinkingProblem(steps) : problem(steps);
  const got = runNeurite(optimizer, shapes, init, grads);
  const want = runReference(config, init, grads);
  got.forEach((g, i) => close(g, want[i], tol));
  expect(optimizer.iterations).toBe(steps);
  // The test itself must be able to fail: the weights moved away from the start.
  expect(Math.max(...want[0].map((w, k) => Math.abs(w - init[0][k])))).toBeGreaterThan(1e-4);
  optimizer.dispose();
}

describe('SGD against Keras 3 formulas', () => {
  it('plain descent with the default learning rate 0.01', () => agree(new SGD(), { kind: 'sgd', lr: 0.01 }));
  it('momentum 0.9', () => agree(new SGD({ learningRate: 0.1, momentum: 0.9 }), { kind: 'sgd', lr: 0.1, momentum: 0.9 }));
  it('Nesterov momentum', () =>
    agree(new SGD({ learningRate: 0.05, momentum: 0.8, nesterov: true }), { kind: 'sgd', lr: 0.05, momentum: 0.8, nesterov: true }));
  it('Nesterov differs from plain momentum (the reference distinguishes them)', () => {
    const { init, grads } = problem(3);
    const a = runReference({ kind: 'sgd', lr: 0.05, momentum: 0.8, nesterov: true }, init, grads);
    const b = runReference({ kind: 'sgd', lr: 0.05, momentum: 0.8 }, init, grads);
    expect(Math.abs(a[0][0] - b[0][0])).toBeGreaterThan(1e-4);
  });
  it('one hand-computed step: w = 1, g = 0.5, lr = 0.1 gives 0.95', () => {
    const v = variable(tensor([1]));
    const opt = new SGD({ learningRate: 0.1 });
    tidy(() => opt.applyGradients([[tensor([0.5]), v]]));
    close(v.dataSync(), [0.95]);
    v.dispose();
  });
});

describe('Adam against Keras 3 formulas', () => {
  it('defaults', () => agree(new Adam(), { kind: 'adam', lr: 0.001 }));
  it('custom betas, epsilon and learning rate', () =>
    agree(new Adam({ learningRate: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 }), { kind: 'adam', lr: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 }));
  it('amsgrad', () => agree(new Adam({ learningRate: 0.05, amsgrad: true }), { kind: 'adam', lr: 0.05, amsgrad: true }, 10, true));
  it('amsgrad changes the result on these gradients (so the test above can fail)', () => {
    const { init, grads } = shrinkingProblem(10);
    const a = runReference({ kind: 'adam', lr: 0.05, amsgrad: true }, init, grads);
    const b = runReference({ kind: 'adam', lr: 0.05 }, init, grads);
    expect(Math.max(...a[0].map((x, k) => Math.abs(x - b[0][k])))).toBeGreaterThan(1e-5);
  });
  it('first step moves each weight by about lr·sign(g) (bias correction)', () => {
    const v = variable(tensor([0, 0, 0]));
    const opt = new Adam({ learningRate: 0.1 });
    tidy(() => opt.applyGradients([[tensor([3, -0.2, 1e-3]), v]]));
    close(v.dataSync(), [-0.1, 0.1, -0.1 * (1e-3 / (1e-3 + 1e-7 / Math.sqrt(1 - 0.999)))], 1e-5);
    v.dispose();
    opt.dispose();
  });
});

describe('AdamW', () => {
  it('matches Adam plus decoupled decay (default weightDecay 0.004)', () =>
    agree(new AdamW({ learningRate: 0.01 }), { kind: 'adam', lr: 0.01, weightDecay: 0.004 }));
  it('custom weightDecay and amsgrad', () =>
    agree(new AdamW({ learningRate: 0.02, weightDecay: 0.1, amsgrad: true }), { kind: 'adam', lr: 0.02, weightDecay: 0.1, amsgrad: true }, 8, true));
  it('shrinks a zero-gradient variable, while Adam leaves it alone', () => {
    const run = (opt: OptimizerLike) => {
      const v = variable(tensor([2, -4]));
      for (let i = 0; i < 3; i++) tidy(() => opt.applyGradients([[zeros([2]), v]]));
      const out = Array.from(v.dataSync());
      v.dispose();
      opt.dispose();
      return out;
    };
    const shrink = (1 - 0.1 * 0.5) ** 3;
    close(run(new AdamW({ learningRate: 0.1, weightDecay: 0.5 })), [2 * shrink, -4 * shrink]);
    close(run(new Adam({ learningRate: 0.1 })), [2, -4]);
  });
  it('is not an L2 penalty: decoupled decay differs from adding wd·w to the gradient', () => {
    const { shapes, init, grads } = problem(5);
    const decoupled = runNeurite(new AdamW({ learningRate: 0.05, weightDecay: 0.2 }), shapes, init, grads);
    // L2 through the moments, in plain JS: Adam on g + wd·w.
    const ref = new ReferenceOptimizer({ kind: 'adam', lr: 0.05 });
    const w = init.map((x) => [...x]);
    for (const gs of grads) ref.step(w, gs.map((g, i) => g.map((x, k) => x + 0.2 * w[i][k])));
    expect(Math.max(...decoupled[0].map((x, k) => Math.abs(x - w[0][k])))).toBeGreaterThan(1e-3);
  });
  it('weightDecay also works on the base (Keras 3): SGD with weightDecay', () =>
    agree(new SGD({ learningRate: 0.1, momentum: 0.5, weightDecay: 0.05 }), { kind: 'sgd', lr: 0.1, momentum: 0.5, weightDecay: 0.05 }));
  it('excludeFromWeightDecay skips variables by identity and by name', () => {
    const a = variable(tensor([1]), { name: 'opt_test_bias' });
    const b = variable(tensor([1]));
    const c = variable(tensor([1]));
    const opt = new AdamW({ learningRate: 0.1, weightDecay: 0.5 });
    opt.excludeFromWeightDecay({ variables: [b], varNames: ['bias'] });
    tidy(() => opt.applyGradients([[zeros([1]), a], [zeros([1]), b], [zeros([1]), c]]));
    close([a.dataSync()[0], b.dataSync()[0], c.dataSync()[0]], [1, 1, 0.95]);
    [a, b, c].forEach((v) => v.dispose());
    opt.dispose();
  });
});

describe('RMSprop against Keras 3 formulas', () => {
  it('defaults', () => agree(new RMSprop(), { kind: 'rmsprop', lr: 0.001 }));
  it('momentum', () => agree(new RMSprop({ learningRate: 0.01, momentum: 0.9 }), { kind: 'rmsprop', lr: 0.01, momentum: 0.9 }));
  it('centered', () => agree(new RMSprop({ learningRate: 0.01, centered: true, rho: 0.8 }), { kind: 'rmsprop', lr: 0.01, centered: true, rho: 0.8 }));
  it('centered with momentum and a larger epsilon', () =>
    agree(new RMSprop({ learningRate: 0.01, centered: true, momentum: 0.5, epsilon: 1e-3 }), {
      kind: 'rmsprop', lr: 0.01, centered: true, momentum: 0.5, epsilon: 1e-3,
    }));
});

describe('Adagrad against Keras 3 formulas', () => {
  it('defaults', () => agree(new Adagrad({ learningRate: 0.1 }), { kind: 'adagrad', lr: 0.1 }));
  it('initialAccumulatorValue and epsilon', () =>
    agree(new Adagrad({ learningRate: 0.1, initialAccumulatorValue: 1, epsilon: 1e-3 }), {
      kind: 'adagrad', lr: 0.1, initialAccumulatorValue: 1, epsilon: 1e-3,
    }));
});

describe('learning rate schedules drive the update', () => {
  it('Adam with ExponentialDecay evaluates the schedule at iterations (0, 1, ...)', () => {
    const sched = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 });
    agree(new Adam({ learningRate: sched }), { kind: 'adam', lr: (s) => 0.1 * 0.5 ** (s / 2) });
  });
  it('SGD with momentum and CosineDecay', () => {
    const sched = new CosineDecay({ initialLearningRate: 0.2, decaySteps: 4 });
    agree(new SGD({ learningRate: sched, momentum: 0.9 }), {
      kind: 'sgd', momentum: 0.9, lr: (s) => 0.2 * 0.5 * (1 + Math.cos((Math.PI * Math.min(s, 4)) / 4)),
    });
  });
  it('currentLearningRate follows the step', () => {
    const opt = new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 }) });
    const v = variable(tensor([1]));
    expect(opt.currentLearningRate()).toBe(1);
    tidy(() => opt.applyGradients([[tensor([1]), v]]));
    expect(opt.currentLearningRate()).toBe(0.5);
    v.dispose();
  });
});

describe('memory', () => {
  it('no tensor leaks per step for every optimizer and clipping mode, and dispose frees the slots', () => {
    const makers: (() => OptimizerLike)[] = [
      () => new SGD({ momentum: 0.9, nesterov: true, clipnorm: 1 }),
      () => new Adam({ amsgrad: true, globalClipnorm: 1, clipvalue: 0.5 }),
      () => new AdamW(),
      () => new RMSprop({ centered: true, momentum: 0.5 }),
      () => new Adagrad(),
    ];
    for (const make of makers) {
      const start = memory().numTensors;
      const opt = make();
      const { shapes, init, grads } = problem(4);
      runNeurite(opt, shapes, init, grads, true);
      expect(memory().numTensors).toBeGreaterThan(start);
      opt.dispose();
      expect(memory().numTensors, opt.className).toBe(start);
    }
  });
});
