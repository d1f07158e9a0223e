// Plain-JS (float64) references for the loss and metric tests: the Keras formulas written out by hand,
// with the float32 clipping bounds the tensor code uses.

export type Matrix = number[][];

export const EPS = Math.fround(1e-7);
export const ONE_MINUS_EPS = Math.fround(1 - 1e-7);

/** A small seeded generator (mulberry32), so fast-check's seed fixes every value. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** rows × cols values from `gen`, rounded to float32 (what the tensors will hold). */
export function matrix(rows: number, cols: number, gen: () => number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround(gen())));
}

export const meanOf = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const clip = (p: number): number => Math.min(Math.max(p, EPS), ONE_MINUS_EPS);

/** Mean over rows of per-row losses, optionally weighted: Σ lᵢwᵢ / n (Keras's sum_over_batch_size). */
export function reduce(perSample: number[], weights?: number[]): number {
  const w = weights ?? perSample.map(() => 1);
  return perSample.reduce((s, l, i) => s + l * w[i], 0) / perSample.length;
}

export const mseRows = (t: Matrix, p: Matrix): number[] => t.map((r, i) => meanOf(r.map((v, j) => (p[i][j] - v) ** 2)));
export const maeRows = (t: Matrix, p: Matrix): number[] => t.map((r, i) => meanOf(r.map((v, j) => Math.abs(p[i][j] - v))));
export function huberRows(t: Matrix, p: Matrix, delta = 1): number[] {
  return t.map((r, i) =>
    meanOf(r.map((v, j) => {
      const e = Math.abs(p[i][j] - v);
      return e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
    })),
  );
}

export function bceRows(t: Matrix, p: Matrix, fromLogits: boolean, smoothing = 0): number[] {
  return t.map((r, i) =>
    meanOf(r.map((v, j) => {
      const z = v * (1 - smoothing) + 0.5 * smoothing;
      const x = p[i][j];
      if (fromLogits) return Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));
      const q = clip(x);
      return -(z * Math.log(q) + (1 - z) * Math.log(1 - q));
    })),
  );
}

export function logSoftmaxRow(x: number[]): number[] {
  const m = Math.max(...x);
  const lse = m + Math.log(x.reduce((s, v) => s + Math.exp(v - m), 0));
  return x.map((v) => v - lse);
}

export function cceRows(t: Matrix, p: Matrix, fromLogits: boolean, smoothing = 0): number[] {
  return t.map((r, i) => {
    const c = r.length;
    const z = r.map((v) => v * (1 - smoothing) + smoothing / c);
    let logQ: number[];
    if (fromLogits) logQ = logSoftmaxRow(p[i]);
    else {
      const s = p[i].reduce((a, b) => a + b, 0);
      logQ = p[i].map((v) => Math.log(clip(v / s)));
    }
    return -z.reduce((acc, zj, j) => acc + zj * logQ[j], 0);
  });
}

export const oneHotRows = (labels: number[], c: number): Matrix => labels.map((l) => Array.from({ length: c }, (_, j) => (j === l ? 1 : 0)));

export function sparseRows(labels: number[], p: Matrix, fromLogits: boolean): number[] {
  return cceRows(oneHotRows(labels, p[0].length), p, fromLogits);
}

/** Index of the largest value (the first one on ties), as argMax. */
export const argmax = (row: number[]): number => row.reduce((best, v, j) => (v > row[best] ? j : best), 0);

/** Whether the label's score has fewer than k strictly higher scores (TensorFlow's in_top_k). */
export const inTopK = (label: number, row: number[], k: number): boolean => row.filter((v) => v > row[label]).length < k;

/** |a - b| <= abs + rel·|b|. */
export function close(a: number, b: number, rel = 1e-5, abs = 1e-5): boolean {
  return Math.abs(a - b) <= abs + rel * Math.abs(b);
}
