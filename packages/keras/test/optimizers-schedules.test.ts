import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { CosineDecay, ExponentialDecay, PiecewiseConstantDecay, getSchedule, optimizers } from '../src/optimizers/index.js';

const STEPS = [0, 1, 2, 3, 5, 9, 10, 11, 25, 100, 1000];

describe('ExponentialDecay', () => {
  it('initial · rate^(step / decaySteps)', () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96 });
    for (const t of STEPS) expect(s.at(t)).toBeCloseTo(0.1 * 0.96 ** (t / 10), 12);
    expect(s.at(10)).toBeCloseTo(0.096, 12);
  });
  it('staircase floors the exponent', () => {
    const s = new ExponentialDecay({ initialLearningRate: 1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect([0, 9, 10, 19, 20, 35].map((t) => s.at(t))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });
  it('getConfig has Keras keys in camelCase and round-trips', () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: true });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: true, name: 'ExponentialDecay' });
    const back = getSchedule({ className: 'ExponentialDecay', config: s.getConfig() });
    expect(back).toBeInstanceOf(ExponentialDecay);
    expect(back.at(25)).toBe(s.at(25));
  });
});

describe('CosineDecay', () => {
  const cosine = (init: number, t: number, n: number, alpha: number) =>
    init * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * Math.min(t, n)) / n)) + alpha);

  it('decays from the initial rate to alpha · initial over decaySteps, then stays', () => {
    const s = new CosineDecay({ initialLearningRate: 0.5, decaySteps: 10, alpha: 0.1 });
    for (const t of STEPS) expect(s.at(t)).toBeCloseTo(cosine(0.5, t, 10, 0.1), 12);
    expect(s.at(0)).toBeCloseTo(0.5, 12);
    expect(s.at(5)).toBeCloseTo(0.5 * (0.9 * 0.5 + 0.1), 12);
    expect(s.at(10)).toBeCloseTo(0.05, 12);
    expect(s.at(1000)).toBeCloseTo(0.05, 12);
  });
  it('default alpha 0 reaches 0', () => {
    expect(new CosineDecay({ initialLearningRate: 1, decaySteps: 4 }).at(4)).toBeCloseTo(0, 12);
  });
  it('linear warmup from the initial rate to warmupTarget, then cosine from the target', () => {
    const s = new CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 1, warmupSteps: 4, alpha: 0.2 });
    expect([0, 1, 2, 3].map((t) => s.at(t))).toEqual([0, 0.25, 0.5, 0.75]);
    for (const t of [4, 5, 9, 14, 20, 500]) expect(s.at(t)).toBeCloseTo(cosine(1, t - 4, 10, 0.2), 12);
    expect(s.at(4)).toBeCloseTo(1, 12);
    expect(s.at(14)).toBeCloseTo(0.2, 12);
  });
  it('getConfig round-trips', () => {
    const s = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 100, alpha: 0.05, warmupTarget: 0.5, warmupSteps: 10 });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.1, decaySteps: 100, alpha: 0.05, name: 'CosineDecay', warmupTarget: 0.5, warmupSteps: 10 });
    const back = getSchedule({ className: 'cosine_decay', config: s.getConfig() });
    for (const t of [0, 5, 50, 200]) expect(back.at(t)).toBe(s.at(t));
  });
});

describe('PiecewiseConstantDecay', () => {
  it('values[i] applies while boundaries[i-1] < step <= boundaries[i] (Keras semantics)', () => {
    const s = new PiecewiseConstantDecay({ boundaries: [100, 110], values: [1, 0.5, 0.1] });
    expect([0, 99, 100, 101, 110, 111, 10_000].map((t) => s.at(t))).toEqual([1, 1, 1, 0.5, 0.5, 0.1, 0.1]);
  });
  it('no boundaries: a constant', () => {
    expect(new PiecewiseConstantDecay({ boundaries: [], values: [0.3] }).at(7)).toBe(0.3);
  });
  it('getConfig round-trips', () => {
    const s = new PiecewiseConstantDecay({ boundaries: [1, 2], values: [3, 2, 1] });
    expect(s.getConfig()).toEqual({ boundaries: [1, 2], values: [3, 2, 1], name: 'PiecewiseConstant' });
    expect(getSchedule({ className: 'PiecewiseConstantDecay', config: s.getConfig() }).at(2)).toBe(2);
  });
});

describe('schedule namespace and errors', () => {
  it('factories build the classes', () => {
    expect(optimizers.schedules.exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 })).toBeInstanceOf(ExponentialDecay);
    expect(optimizers.schedules.cosineDecay({ initialLearningRate: 1, decaySteps: 1 })).toBeInstanceOf(CosineDecay);
    expect(optimizers.schedules.piecewiseConstantDecay({ boundaries: [1], values: [1, 2] })).toBeInstanceOf(PiecewiseConstantDecay);
  });
  it.each<[string, () => unknown, RegExp]>([
    ['initialLearningRate < 0', () => new ExponentialDecay({ initialLearningRate: -0.1, decaySteps: 1, decayRate: 0.5 }), /^ExponentialDecay: initialLearningRate must be a finite number >= 0\. Received: initialLearningRate=-0\.1$/],
    ['decaySteps missing', () => new ExponentialDecay({ initialLearningRate: 1, decayRate: 0.5 } as never), /decaySteps must be a finite number > 0\. Received: decaySteps=undefined/],
    ['decayRate negative', () => new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: -1 }), /decayRate must be/],
    ['staircase not boolean', () => new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5, staircase: 1 as never }), /staircase must be a boolean/],
    ['unknown option', () => new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5, decay_rate: 2 } as never), /ExponentialDecay: unknown option 'decay_rate' \(use decayRate: options are camelCase\)/],
    ['cosine alpha > 1', () => new CosineDecay({ initialLearningRate: 1, decaySteps: 10, alpha: 1.5 }), /^CosineDecay: alpha must be a number in \[0, 1\]\. Received: alpha=1.5$/],
    ['cosine decaySteps 0', () => new CosineDecay({ initialLearningRate: 1, decaySteps: 0 }), /decaySteps must be a finite number > 0/],
    ['cosine warmupSteps fractional', () => new CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 1, warmupSteps: 1.5 }), /warmupSteps must be an integer >= 0/],
    ['cosine warmupSteps without target', () => new CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupSteps: 5 }), /warmupTarget must be a finite number >= 0 when warmupSteps > 0/],
    ['piecewise length mismatch', () => new PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] }), /values must be one element longer than boundaries/],
    ['piecewise not increasing', () => new PiecewiseConstantDecay({ boundaries: [2, 1], values: [1, 2, 3] }), /boundaries must be strictly increasing/],
    ['piecewise NaN value', () => new PiecewiseConstantDecay({ boundaries: [1], values: [1, Number.NaN] }), /values\[1\] must be a finite number >= 0/],
    ['negative step', () => new CosineDecay({ initialLearningRate: 1, decaySteps: 10 }).at(-1), /^CosineDecay\.at: step must be a finite number >= 0\. Received: step=-1$/],
    ['unknown schedule', () => getSchedule({ className: 'PolynomialDecay', config: {} }), /unknown learning rate schedule 'PolynomialDecay'\. Known: ExponentialDecay, CosineDecay, PiecewiseConstantDecay/],
  ])('rejects %s', (_label, make, message) => {
    expect(make).toThrow(message);
  });
});
