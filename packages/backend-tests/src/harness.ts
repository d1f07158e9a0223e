import { expect } from 'vitest';
import fc from 'fast-check';
import { grads, tensor, tidy, type Tensor, type TypedArray } from '@neurite/tensor';

/** What a suite needs to know about the backend under test. */
export interface BackendUnderTest {
  /** Registered backend name, made active before each suite. */
  name: string;
  /** Relative tolerance for float32 results compared with exact references (about 1e-4 on GPUs). */
  rtol: number;
  /** Absolute tolerance added to it. */
  atol: number;
  /** Whether `dataSync` works (false on WebGPU): suites then read with `await data()`. */
  syncReads: boolean;
  /**
   * Whether int32 arithmetic is exact over the whole int32 range, wrapping modulo 2^32 (default true).
   * Backends that hold integers in float32 (the gpu.js modes) are exact only below 2^24 and say false.
   */
  exactInt32?: boolean;
}

/** Reads a tensor's values as a plain number array. */
export async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

/** Flattens nested arrays of numbers/booleans. */
export function flat(v: unknown): number[] {
  if (Array.isArray(v)) return v.flatMap(flat);
  if (typeof v === 'boolean') return [v ? 1 : 0];
  return [v as number];
}

/** Expects `actual` to match `expected` elementwise within |a - e| <= atol + rtol * |e| (NaN matches NaN). */
export async function expectClose(
  actual: Tensor | TypedArray | number[],
  expected: unknown,
  env: Pick<BackendUnderTest, 'rtol' | 'atol'>,
  message = '',
): Promise<void> {
  const got = Array.isArray(actual) ? actual : Array.from(isTensor(actual) ? await actual.data() : actual);
  const want = flat(expected);
  expect(got.length, `${message} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const a = got[i];
    const e = want[i];
    if (Number.isNaN(e)) {
      expect(Number.isNaN(a), `${message} [${i}] expected NaN, got ${a}`).toBe(true);
    } else if (!Number.isFinite(e)) {
      expect(a, `${message} [${i}]`).toBe(e);
    } else {
      const tol = env.atol + env.rtol * Math.abs(e);
      if (!(Math.abs(a - e) <= tol)) {
        expect.fail(`${message} element ${i}: got ${a}, expected ${e} (tolerance ${tol})\n  got:      [${got.slice(0, 20).join(', ')}]\n  expected: [${want.slice(0, 20).join(', ')}]`);
      }
    }
  }
}

function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && 'dataSync' in x && 'shape' in x;
}

export interface GradCheckOptions {
  /** Finite-difference step. */
  eps?: number;
  rtol?: number;
  atol?: number;
}

/**
 * Checks the analytic gradients of `f` at `inputs` against central finite differences of the scalar
 * L = sum(f(inputs) * w) for a fixed random weighting w (so every output element matters). Runs in
 * float32, so the tolerance is loose by default; inputs should keep away from kinks (|x| not near 0 for
 * abs/relu, and so on).
 */
export async function checkGradients(
  f: (...xs: Tensor[]) => Tensor,
  inputs: number[][] | Float32Array[],
  shapes: number[][],
  options: GradCheckOptions = {},
): Promise<void> {
  const eps = options.eps ?? 1e-2;
  const rtol = options.rtol ?? 2e-2;
  const atol = options.atol ?? 2e-3;
  const xs = inputs.map((v, i) => tensor(Float32Array.from(v), shapes[i]));
  const probe = tidy(() => f(...xs));
  const weights = Float32Array.from({ length: probe.size }, (_, i) => 0.5 + ((i * 7919) % 13) / 13);
  const w = tensor(weights, probe.shape);
  probe.dispose();
  const loss = (...ts: Tensor[]) => f(...ts).mul(w).sum();
  const analytic = grads(loss)(xs);
  const lossAt = async (vals: Float32Array[]): Promise<number> => {
    const ts = vals.map((v, i) => tensor(v, shapes[i]));
    const l = loss(...ts);
    const [value] = await l.data();
    l.dispose();
    ts.forEach((t) => t.dispose());
    return value;
  };
  const base = inputs.map((v) => Float32Array.from(v));
  for (let j = 0; j < base.length; j++) {
    const got = await analytic[j].data();
    for (let i = 0; i < base[j].length; i++) {
      const orig = base[j][i];
      base[j][i] = orig + eps;
      const up = await lossAt(base);
      base[j][i] = orig - eps;
      const down = await lossAt(base);
      base[j][i] = orig;
      const numeric = (up - down) / (2 * eps);
      const tol = atol + rtol * Math.max(Math.abs(numeric), Math.abs(got[i]));
      if (!(Math.abs(got[i] - numeric) <= tol)) {
        expect.fail(
          `gradient of input ${j} element ${i} (x=${orig}): analytic ${got[i]}, finite difference ${numeric} (tolerance ${tol})`,
        );
      }
    }
  }
  [...xs, w, ...analytic].forEach((t) => t.dispose());
}

/** A random shape of rank in [minRank, maxRank] with dimensions in [1, maxDim]. */
export function arbShape(minRank = 0, maxRank = 4, maxDim = 4): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

/** Float32 values in [min, max] for a shape, kept away from 0 by `gap` (for kinks such as relu and abs). */
export function arbValues(size: number, min = -3, max = 3, gap = 0): fc.Arbitrary<number[]> {
  return fc
    .array(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), { minLength: size, maxLength: size })
    .map((vs) => vs.map((v) => Math.fround(gap > 0 && Math.abs(v) < gap ? (v < 0 ? -gap : gap) : v)));
}

/** A shape together with values for it. */
export function arbTensorData(minRank = 0, maxRank = 3, maxDim = 4, min = -3, max = 3, gap = 0): fc.Arbitrary<{ shape: number[]; values: number[] }> {
  return arbShape(minRank, maxRank, maxDim).chain((shape) =>
    arbValues(shape.reduce((a, b) => a * b, 1), min, max, gap).map((values) => ({ shape, values })),
  );
}

/**
 * The number of fast-check runs per property: enough to find shape bugs, small enough for CI. Set
 * NEURITE_PROPERTY_RUNS (Node) for a longer soak, e.g. 400 before trusting a new backend.
 */
export const PROPERTY_RUNS = propertyRuns(25);

function propertyRuns(fallback: number): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const n = Number(env?.NEURITE_PROPERTY_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
