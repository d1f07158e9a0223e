// Plain-JS references for the recurrent cells, written from the equations (Keras's gate orders), for tests.

export type Vec = number[];
/** A matrix as rows. */
export type Mat = number[][];

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** Rows of a flat row-major [rows, cols] array. */
export function toMat(flat: ArrayLike<number>, rows: number, cols: number): Mat {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => flat[r * cols + c]));
}

/** v (length n) times m (n x k). */
function vecMat(v: Vec, m: Mat): Vec {
  const k = m[0].length;
  const out = new Array<number>(k).fill(0);
  v.forEach((vi, i) => {
    for (let j = 0; j < k; j++) out[j] += vi * m[i][j];
  });
  return out;
}

const addV = (a: Vec, b: Vec) => a.map((v, i) => v + b[i]);
const block = (v: Vec, k: number, u: number) => v.slice(k * u, (k + 1) * u);

export interface RefWeights {
  kernel: Mat;
  recurrent: Mat;
  /** [gates * units], or for GRU resetAfter two rows. */
  bias: Vec | [Vec, Vec];
}

/** One sequence ([steps][features]) through a cell; returns every step's output and the final states. */
export function runReference(
  kind: 'simple' | 'lstm' | 'gru' | 'gru-reset-after',
  w: RefWeights,
  units: number,
  seq: Vec[],
): { outputs: Vec[]; states: Vec[] } {
  let h = new Array<number>(units).fill(0);
  let c = new Array<number>(units).fill(0);
  const outputs: Vec[] = [];
  for (const x of seq) {
    if (kind === 'simple') {
      h = addV(addV(vecMat(x, w.kernel), w.bias as Vec), vecMat(h, w.recurrent)).map(Math.tanh);
    } else if (kind === 'lstm') {
      const z = addV(addV(vecMat(x, w.kernel), w.bias as Vec), vecMat(h, w.recurrent));
      const i = block(z, 0, units).map(sigmoid);
      const f = block(z, 1, units).map(sigmoid);
      const g = block(z, 2, units).map(Math.tanh);
      const o = block(z, 3, units).map(sigmoid);
      c = c.map((cv, j) => f[j] * cv + i[j] * g[j]);
      h = o.map((ov, j) => ov * Math.tanh(c[j]));
    } else if (kind === 'gru') {
      const mx = addV(vecMat(x, w.kernel), w.bias as Vec);
      const rz = w.recurrent.map((row) => row.slice(0, 2 * units));
      const rh = w.recurrent.map((row) => row.slice(2 * units));
      const mh = vecMat(h, rz);
      const z = addV(block(mx, 0, units), block(mh, 0, units)).map(sigmoid);
      const r = addV(block(mx, 1, units), block(mh, 1, units)).map(sigmoid);
      const cand = addV(block(mx, 2, units), vecMat(r.map((rv, j) => rv * h[j]), rh)).map(Math.tanh);
      h = h.map((hv, j) => z[j] * hv + (1 - z[j]) * cand[j]);
    } else {
      const [bx, bh] = w.bias as [Vec, Vec];
      const mx = addV(vecMat(x, w.kernel), bx);
      const mh = addV(vecMat(h, w.recurrent), bh);
      const z = addV(block(mx, 0, units), block(mh, 0, units)).map(sigmoid);
      const r = addV(block(mx, 1, units), block(mh, 1, units)).map(sigmoid);
      const cand = block(mx, 2, units).map((v, j) => Math.tanh(v + r[j] * block(mh, 2, units)[j]));
      h = h.map((hv, j) => z[j] * hv + (1 - z[j]) * cand[j]);
    }
    outputs.push([...h]);
  }
  return { outputs, states: kind === 'lstm' ? [h, c] : [h] };
}
