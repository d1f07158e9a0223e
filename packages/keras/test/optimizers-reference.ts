// Plain-JS references for Keras 3's optimizer formulas, written from the maths (double precision), and
// helpers to drive Neurite's optimizers over the same gradients.
import { memory, tensor, tidy, variable, type Variable } from '@neurite/tensor';
import { expect } from 'vitest';
import type { OptimizerLike } from '../src/optimizers/index.js';

/** Deterministic pseudo-random values in [-1, 1) (a small LCG), independent of the library's RNG. */
export function rand(n: number, seed: number, scale = 1): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale;
  });
}

/** Asserts |actual - expected| <= tol · max(1, |expected|) elementwise. */
export function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    expect(err, `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  }
}

export type RefKind = 'sgd' | 'adam' | 'rmsprop' | 'adagrad';

/** Hyper-parameters of the reference; unset ones take Keras 3's defaults. */
export interface RefConfig {
  kind: RefKind;
  lr: number | ((step: number) => number);
  momentum?: number;
  nesterov?: boolean;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  amsgrad?: boolean;
  rho?: number;
  centered?: boolean;
  initialAccumulatorValue?: number;
  weightDecay?: number;
  clipnorm?: number;
  globalClipnorm?: number;
  clipvalue?: number;
}

const norm = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + x * x, 0));

/** Keras 3's optimizer, one step at a time, over plain arrays. */
export class ReferenceOptimizer {
  private t = 0;
  private readonly state = new Map<number, Record<string, number[]>>();
  constructor(private readonly c: RefConfig) {}

  /** Updates `weights` (arrays, in place) from `grads`. */
  step(weights: number[][], gradsIn: number[][]): void {
    const c = this.c;
    const lr = typeof c.lr === 'function' ? c.lr(this.t) : c.lr;
    let grads = gradsIn.map((g) => [...g]);
    if (c.clipnorm !== undefined) {
      grads = grads.map((g) => {
        const n = norm(g);
        return n > c.clipnorm! ? g.map((x) => (x * c.clipnorm!) / n) : g;
      });
    } else if (c.globalClipnorm !== undefined) {
      const n = norm(grads.flat());
      const scale = n > c.globalClipnorm ? c.globalClipnorm / n : 1;
      grads = grads.map((g) => g.map((x) => x * scale));
    }
    if (c.clipvalue !== undefined) grads = grads.map((g) => g.map((x) => Math.min(c.clipvalue!, Math.max(-c.clipvalue!, x))));
    weights.forEach((w, i) => {
      if (c.weightDecay !== undefined) for (let k = 0; k < w.length; k++) w[k] -= lr * c.weightDecay * w[k];
      this.update(i, w, grads[i], lr);
    });
    this.t++;
  }

  private slot(i: number, name: string, n: number, init = 0): number[] {
    let s = this.state.get(i);
    if (!s) this.state.set(i, (s = {}));
    return (s[name] ??= new Array(n).fill(init));
  }

  private update(i: number, w: number[], g: number[], lr: number): void {
    const c = this.c;
    const n = w.length;
    if (c.kind === 'sgd') {
      const mom = c.momentum ?? 0;
      if (mom === 0) {
        for (let k = 0; k < n; k++) w[k] -= lr * g[k];
        return;
      }
      const m = this.slot(i, 'm', n);
      for (let k = 0; k < n; k++) {
        m[k] = mom * m[k] - lr * g[k];
        w[k] += c.nesterov ? mom * m[k] - lr * g[k] : m[k];
      }
    } else if (c.kind === 'adam') {
      const b1 = c.beta1 ?? 0.9, b2 = c.beta2 ?? 0.999, eps = c.epsilon ?? 1e-7;
      const t = this.t + 1;
      const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      const m = this.slot(i, 'm', n), v = this.slot(i, 'v', n), vhat = this.slot(i, 'vhat', n);
      for (let k = 0; k < n; k++) {
        m[k] = b1 * m[k] + (1 - b1) * g[k];
        v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
        vhat[k] = Math.max(vhat[k], v[k]);
        w[k] -= (alpha * m[k]) / (Math.sqrt(c.amsgrad ? vhat[k] : v[k]) + eps);
      }
    } else if (c.kind === 'rmsprop') {
      const rho = c.rho ?? 0.9, eps = c.epsilon ?? 1e-7, mom = c.momentum ?? 0;
      const v = this.slot(i, 'v', n), a = this.slot(i, 'a', n), mo = this.slot(i, 'mo', n);
      for (let k = 0; k < n; k++) {
        v[k] = rho * v[k] + (1 - rho) * g[k] * g[k];
        a[k] = rho * a[k] + (1 - rho) * g[k];
        const denom = c.centered ? v[k] - a[k] * a[k] + eps : v[k] + eps;
        const inc = (lr * g[k]) / Math.sqrt(denom);
        if (mom > 0) {
          mo[k] = mom * mo[k] + inc;
          w[k] -= mo[k];
        } else {
          w[k] -= inc;
        }
      }
    } else {
      const eps = c.epsilon ?? 1e-7;
      const acc = this.slot(i, 'acc', n, c.initialAccumulatorValue ?? 0.1);
      for (let k = 0; k < n; k++) {
        acc[k] += g[k] * g[k];
        w[k] -= (lr * g[k]) / Math.sqrt(acc[k] + eps);
      }
    }
  }
}

/** Variables of these shapes filled with `init`, fed `gradsPerStep`, returning their final values. */
export function runNeurite(
  optimizer: OptimizerLike,
  shapes: number[][],
  init: number[][],
  gradsPerStep: number[][][],
  checkNoLeak = true,
): number[][] {
  const vars: Variable[] = shapes.map((s, i) => tidy(() => variable(tensor(init[i], s))));
  gradsPerStep.forEach((grads, step) => {
    // The first step creates the slots; every later one must leave the tensor count unchanged.
    const before = memory().numTensors;
    const gs = grads.map((g, i) => tensor(g, shapes[i]));
    optimizer.applyGradients(gs.map((g, i) => [g, vars[i]] as const));
    gs.forEach((g) => g.dispose());
    if (checkNoLeak && step >= 1) expect(memory().numTensors, `tensors after step ${step}`).toBe(before);
  });
  const out = vars.map((v) => Array.from(v.dataSync()));
  vars.forEach((v) => v.dispose());
  return out;
}

/** Runs the reference over the same data. */
export function runReference(config: RefConfig, init: number[][], gradsPerStep: number[][][]): number[][] {
  const ref = new ReferenceOptimizer(config);
  const w = init.map((x) => [...x]);
  for (const grads of gradsPerStep) ref.step(w, grads);
  return w;
}

/** A small two-variable problem: a [3, 2] kernel and a [2] bias, with `steps` random gradient sets. */
export function problem(steps: number, seed = 7, gradScale = 1): { shapes: number[][]; init: number[][]; grads: number[][][] } {
  const shapes = [[3, 2], [2]];
  const init = [rand(6, seed), rand(2, seed + 1)];
  const grads = Array.from({ length: steps }, (_, s) => [rand(6, seed + 100 + s, gradScale), rand(2, seed + 200 + s, gradScale)]);
  return { shapes, init, grads };
}
