import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { tensor, tidy, variable } from '@neurite/tensor';
import { Adam, SGD } from '../src/optimizers/index.js';
import { close, problem, runNeurite, runReference } from './optimizers-reference.js';

/** One SGD step at lr 1 from zero weights returns minus the clipped gradients. */
function clippedBy(args: { clipnorm?: number; clipvalue?: number; globalClipnorm?: number }, grads: number[][]): number[][] {
  const vars = grads.map((g) => variable(tensor(new Array(g.length).fill(0))));
  const opt = new SGD({ learningRate: 1, ...args });
  tidy(() => opt.applyGradients(grads.map((g, i) => [tensor(g), vars[i]] as const)));
  const out = vars.map((v) => Array.from(v.dataSync(), (x) => -x));
  vars.forEach((v) => v.dispose());
  return out;
}

describe('clipnorm (each gradient on its own)', () => {
  it('rescales a gradient above the norm to exactly the norm', () => {
    const [a, b] = clippedBy({ clipnorm: 1 }, [[3, 4], [0.3, 0.4]]);
    close(a, [0.6, 0.8]); // norm 5 -> 1
    close(b, [0.3, 0.4]); // norm 0.5, unchanged
  });
  it('leaves a zero gradient at zero (no NaN)', () => {
    const [a] = clippedBy({ clipnorm: 1 }, [[0, 0, 0]]);
    close(a, [0, 0, 0]);
  });
  it('over several Adam steps agrees with the reference', () => {
    const { shapes, init, grads } = problem(5, 11, 4);
    const got = runNeurite(new Adam({ learningRate: 0.05, clipnorm: 0.7 }), shapes, init, grads);
    const want = runReference({ kind: 'adam', lr: 0.05, clipnorm: 0.7 }, init, grads);
    got.forEach((g, i) => close(g, want[i]));
    const unclipped = runReference({ kind: 'adam', lr: 0.05 }, init, grads);
    expect(Math.abs(unclipped[1][0] - want[1][0])).toBeGreaterThan(1e-4);
  });
});

describe('globalClipnorm (all gradients together)', () => {
  it('scales every gradient by one factor', () => {
    // Joint norm sqrt(9 + 16 + 0 + 144) = 13 -> 2.6: factor 0.2.
    const [a, b] = clippedBy({ globalClipnorm: 2.6 }, [[3, 4], [0, 12]]);
    close(a, [0.6, 0.8]);
    close(b, [0, 2.4]);
  });
  it('differs from per-gradient clipnorm on the same input', () => {
    const [, b] = clippedBy({ clipnorm: 2.6 }, [[3, 4], [0, 12]]);
    close(b, [0, 2.6]);
  });
  it('leaves gradients within the norm unchanged', () => {
    const [a, b] = clippedBy({ globalClipnorm: 100 }, [[3, 4], [0, 12]]);
    close(a, [3, 4]);
    close(b, [0, 12]);
  });
  it('over several SGD-momentum steps agrees with the reference', () => {
    const { shapes, init, grads } = problem(5, 13, 3);
    const got = runNeurite(new SGD({ learningRate: 0.1, momentum: 0.9, globalClipnorm: 1.5 }), shapes, init, grads);
    const want = runReference({ kind: 'sgd', lr: 0.1, momentum: 0.9, globalClipnorm: 1.5 }, init, grads);
    got.forEach((g, i) => close(g, want[i]));
  });
});

describe('clipvalue (elementwise)', () => {
  it('clamps each element to [-clipvalue, clipvalue]', () => {
    const [a] = clippedBy({ clipvalue: 0.5 }, [[-2, -0.5, 0.1, 0.49, 3]]);
    close(a, [-0.5, -0.5, 0.1, 0.49, 0.5]);
  });
  it('combines with clipnorm (norm first, then value, as Keras)', () => {
    const [a] = clippedBy({ clipnorm: 5, clipvalue: 2 }, [[6, 8]]);
    close(a, [2, 2]); // [3, 4] after the norm, then clamped
  });
  it('combines with globalClipnorm over several Adam steps', () => {
    const { shapes, init, grads } = problem(4, 17, 5);
    const got = runNeurite(new Adam({ learningRate: 0.01, globalClipnorm: 3, clipvalue: 0.4 }), shapes, init, grads);
    const want = runReference({ kind: 'adam', lr: 0.01, globalClipnorm: 3, clipvalue: 0.4 }, init, grads);
    got.forEach((g, i) => close(g, want[i]));
  });
});

describe('clipping arguments', () => {
  it('rejects clipnorm together with globalClipnorm', () => {
    expect(() => new SGD({ clipnorm: 1, globalClipnorm: 1 })).toThrow(/only one of clipnorm and globalClipnorm/);
  });
  it.each([
    ['clipnorm', 0], ['clipnorm', -1], ['clipvalue', 0], ['clipvalue', Number.NaN], ['globalClipnorm', Number.POSITIVE_INFINITY],
  ])('rejects %s=%s', (arg, value) => {
    expect(() => new Adam({ [arg]: value })).toThrow(new RegExp(`^Adam: ${arg} must be a finite number > 0\\. Received: ${arg}=`));
  });
  it('null means unset', () => {
    const opt = new Adam({ clipnorm: null, clipvalue: null, globalClipnorm: null });
    expect(opt.getConfig()).toMatchObject({ clipnorm: null, clipvalue: null, globalClipnorm: null });
  });
});
