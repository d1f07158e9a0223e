import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { NeuriteError, tensor, tidy, type Tensor } from '@neurite/tensor';
import { activations, getActivation, registerActivation, serializeActivation } from '../src/index.js';

const xs = [-7, -3.5, -1.25, -0.3, 0, 0.4, 1, 2.75, 5, 8];

/** Phi(x), the standard normal CDF, by Simpson's rule on the density (plain JS, ~1e-12 accurate). */
function normalCdf(x: number): number {
  const steps = 2000;
  const h = x / steps;
  const pdf = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  let s = pdf(0) + pdf(x);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * pdf(i * h);
  return 0.5 + (s * h) / 3;
}

const sigmoidRef = (x: number) => 1 / (1 + Math.exp(-x));
const relu6Ref = (x: number) => Math.min(Math.max(x, 0), 6);
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** Keras 3's formulas, elementwise, in plain JS. */
const elementwise: [string, (x: number) => number][] = [
  ['linear', (x) => x],
  ['relu', (x) => Math.max(x, 0)],
  ['relu6', relu6Ref],
  ['sigmoid', sigmoidRef],
  ['tanh', Math.tanh],
  ['elu', (x) => (x > 0 ? x : Math.exp(x) - 1)],
  ['selu', (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1))],
  ['gelu', (x) => x * normalCdf(x)],
  ['softplus', (x) => Math.log1p(Math.exp(x))],
  ['softsign', (x) => x / (1 + Math.abs(x))],
  ['leaky_relu', (x) => (x >= 0 ? x : 0.2 * x)],
  ['silu', (x) => x * sigmoidRef(x)],
  ['swish', (x) => x * sigmoidRef(x)],
  ['hard_sigmoid', (x) => relu6Ref(x + 3) / 6],
  ['exponential', Math.exp],
];

function evaluate(fn: (x: Tensor) => Tensor, values: number[] | number[][]): number[] {
  return tidy(() => Array.from(fn(tensor(values)).dataSync()));
}

function expectAllClose(actual: number[], expected: number[], rel = 1e-5, abs = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(abs + rel * Math.abs(expected[i])));
}

describe('activations against plain-JS references (Keras 3 formulas)', () => {
  it.each(elementwise)('%s', (name, ref) => {
    expectAllClose(evaluate(getActivation(name), xs), xs.map(ref));
  });

  const rows = [[1, 2, 3], [-1, 0, 4], [1000, 1000, -1000]];
  const softmaxRef = (row: number[]) => {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };

  it('softmax normalises over the last axis', () => {
    expectAllClose(evaluate(getActivation('softmax'), rows), rows.flatMap(softmaxRef));
  });

  it('log_softmax is log(softmax) over the last axis', () => {
    const got = evaluate(getActivation('log_softmax'), rows);
    const expected = rows.flatMap((r) => softmaxRef(r).map(Math.log));
    got.forEach((g, i) => (Number.isFinite(expected[i]) ? expect(g).toBeCloseTo(expected[i], 4) : expect(g).toBeLessThan(-1000)));
  });

  it('the activations namespace holds the same functions by camelCase name', () => {
    const camel: Record<string, keyof typeof activations> = {
      leaky_relu: 'leakyRelu', hard_sigmoid: 'hardSigmoid', log_softmax: 'logSoftmax',
    };
    for (const [name, ref] of elementwise) {
      const key = (camel[name] ?? name) as keyof typeof activations;
      expectAllClose(evaluate(activations[key], xs), xs.map(ref));
    }
  });
});

describe('getActivation and serializeActivation', () => {
  it.each([
    ['linear', 'linear'], ['relu', 'relu'], ['relu6', 'relu6'], ['sigmoid', 'sigmoid'], ['tanh', 'tanh'],
    ['softmax', 'softmax'], ['log_softmax', 'log_softmax'], ['logSoftmax', 'log_softmax'], ['elu', 'elu'],
    ['selu', 'selu'], ['gelu', 'gelu'], ['softplus', 'softplus'], ['softsign', 'softsign'],
    ['leaky_relu', 'leaky_relu'], ['leakyRelu', 'leaky_relu'], ['swish', 'silu'], ['silu', 'silu'],
    ['hard_sigmoid', 'hard_sigmoid'], ['hardSigmoid', 'hard_sigmoid'], ['exponential', 'exponential'],
  ])('%s serializes as Keras\'s %s', (name, serialized) => {
    const act = getActivation(name);
    expect(act.activationName).toBe(serialized);
    expect(serializeActivation(act)).toBe(serialized);
    expect(getActivation(serializeActivation(act)).activationName).toBe(serialized);
  });

  it('null and undefined mean linear', () => {
    expect(getActivation(null).activationName).toBe('linear');
    expect(getActivation(undefined).activationName).toBe('linear');
    expect(evaluate(getActivation(undefined), [1, -2])).toEqual([1, -2]);
  });

  it('the bare namespace functions serialize too', () => {
    expect(serializeActivation(activations.leakyRelu)).toBe('leaky_relu');
    expect(serializeActivation(activations.swish)).toBe('silu');
    expect(getActivation(activations.relu).activationName).toBe('relu');
  });

  it('an unknown name is an error listing the known ones', () => {
    expect(() => getActivation('rellu')).toThrow(NeuriteError);
    expect(() => getActivation('rellu')).toThrow(/getActivation: unknown activation 'rellu'; known: .*hard_sigmoid.*leaky_relu.*relu.*swish.*Received: activation='rellu'/);
  });

  it('a user function is kept and named; an anonymous one cannot be serialized until registered', () => {
    function cube(x: Tensor): Tensor {
      return x.mul(x).mul(x);
    }
    const act = getActivation(cube);
    expect(evaluate(act, [2, -1])).toEqual([8, -1]);
    expect(serializeActivation(act)).toBe('cube');

    const anonymous = [(x: Tensor) => x.mul(2)][0];
    expect(() => serializeActivation(getActivation(anonymous))).toThrow(/registerActivation/);
    registerActivation('double_it', anonymous, 'doubleIt');
    expect(serializeActivation(anonymous)).toBe('double_it');
    expect(evaluate(getActivation('doubleIt'), [1.5])).toEqual([3]);
    expect(getActivation('double_it').activationName).toBe('double_it');
  });
});
