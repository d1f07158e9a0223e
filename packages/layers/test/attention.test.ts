import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { memory, sum, tensor, tidy, valueAndGrads, type Tensor } from '@neurite/tensor';
import { l2 } from '@neurite/regularizers';
import { MultiHeadAttention, type AttentionCallOptions } from '../src/index.js';

function rand(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

const B = 2, TQ = 3, TV = 4, DQ = 5, DV = 3, H = 2, K = 3, V = 2;

/** Plain-JS multi-head attention from the definition (float64), for one set of flat weights. */
function reference(q: number[], v: number[], w: number[][], mask: number[] | null, outDim: number): { out: number[]; probs: number[] } {
  const [wq, bq, wk, bk, wv, bv, wo, bo] = w;
  const proj = (x: number[], steps: number, dim: number, kernel: number[], bias: number[], d: number) => {
    // [b, t, h, d] from x [b, t, dim] and kernel [dim, h, d]
    const out = new Array<number>(B * steps * H * d).fill(0);
    for (let b = 0; b < B; b++) for (let t = 0; t < steps; t++) for (let h = 0; h < H; h++) for (let e = 0; e < d; e++) {
      let acc = bias[h * d + e];
      for (let c = 0; c < dim; c++) acc += x[(b * steps + t) * dim + c] * kernel[(c * H + h) * d + e];
      out[((b * steps + t) * H + h) * d + e] = acc;
    }
    return out;
  };
  const qp = proj(q, TQ, DQ, wq, bq, K);
  const kp = proj(v, TV, DV, wk, bk, K);
  const vp = proj(v, TV, DV, wv, bv, V);
  const probs = new Array<number>(B * H * TQ * TV).fill(0);
  const ctx = new Array<number>(B * TQ * H * V).fill(0);
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) for (let i = 0; i < TQ; i++) {
    const scores = Array.from({ length: TV }, (_, j) => {
      let s = 0;
      for (let e = 0; e < K; e++) s += qp[((b * TQ + i) * H + h) * K + e] * kp[((b * TV + j) * H + h) * K + e];
      s /= Math.sqrt(K);
      return mask && !mask[(b * TQ + i) * TV + j] ? s - 1e9 : s;
    });
    const m = Math.max(...scores);
    const ex = scores.map((s) => Math.exp(s - m));
    const total = ex.reduce((a, c) => a + c, 0);
    ex.forEach((e, j) => (probs[((b * H + h) * TQ + i) * TV + j] = e / total));
    for (let e = 0; e < V; e++) {
      let acc = 0;
      for (let j = 0; j < TV; j++) acc += probs[((b * H + h) * TQ + i) * TV + j] * vp[((b * TV + j) * H + h) * V + e];
      ctx[((b * TQ + i) * H + h) * V + e] = acc;
    }
  }
  const out = new Array<number>(B * TQ * outDim).fill(0);
  for (let r = 0; r < B * TQ; r++) for (let o = 0; o < outDim; o++) {
    let acc = bo[o];
    for (let h = 0; h < H; h++) for (let e = 0; e < V; e++) acc += ctx[(r * H + h) * V + e] * wo[(h * V + e) * outDim + o];
    out[r * outDim + o] = acc;
  }
  return { out, probs };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function setup(extra: Partial<ConstructorParameters<typeof MultiHeadAttention>[0]> = {}) {
  const layer = new MultiHeadAttention({ numHeads: H, keyDim: K, valueDim: V, ...extra });
  const q = tensor(rand(B * TQ * DQ, 1), [B, TQ, DQ]);
  const v = tensor(rand(B * TV * DV, 2), [B, TV, DV]);
  layer.build([[...q.shape], [...v.shape]]);
  layer.built = true;
  const weights = layer.weights.map((w, i) => rand(w.variable.size, 10 + i));
  layer.setWeights(weights.map((w, i) => tensor(w, [...layer.weights[i].shape])));
  return { layer, q, v, weights };
}

describe('MultiHeadAttention', () => {
  it("Keras's weights: query/key/value kernels [features, heads, dim], output [heads, valueDim, outputDim], biases", () => {
    const { layer, q, v } = setup({ name: 'mha' });
    expect(layer.weights.map((w) => `${w.path} ${JSON.stringify(w.shape)}`)).toEqual([
      'mha/query/kernel [5,2,3]', 'mha/query/bias [2,3]', 'mha/key/kernel [3,2,3]', 'mha/key/bias [2,3]',
      'mha/value/kernel [3,2,2]', 'mha/value/bias [2,2]', 'mha/attention_output/kernel [2,2,5]', 'mha/attention_output/bias [5]',
    ]);
    expect(layer.countParams()).toBe(5 * 6 + 6 + 3 * 6 + 6 + 3 * 4 + 4 + 4 * 5 + 5);
    [q, v].forEach((t) => t.dispose());
    layer.dispose();
  });

  for (const [name, opts, maskOf] of [
    ['no mask', {}, () => null],
    ['an attention mask', { attention: true }, (m: number[]) => m],
    ['a causal mask', { causal: true }, () => Array.from({ length: B * TQ * TV }, (_, i) => (i % TV <= Math.floor(i / TV) % TQ ? 1 : 0))],
  ] as const) {
    it(`equals the definition (plain JS) with ${name}, and returns the probabilities`, () => {
      const { layer, q, v, weights } = setup();
      const maskValues = Array.from({ length: B * TQ * TV }, (_, i) => (i % 3 === 1 ? 0 : 1));
      const attentionMask = 'attention' in opts ? tensor(maskValues, [B, TQ, TV]) : null;
      const callOptions: AttentionCallOptions = { attentionMask, useCausalMask: 'causal' in opts, returnAttentionScores: true };
      const [out, probs] = layer.apply([q, v], callOptions) as Tensor[];
      const ref = reference(Array.from(q.dataSync()), Array.from(v.dataSync()), weights, maskOf(maskValues), DQ);
      expect(maxDiff(out.dataSync(), ref.out)).toBeLessThan(1e-5);
      expect(maxDiff(probs.dataSync(), ref.probs)).toBeLessThan(1e-6);
      [q, v, out, probs].forEach((t) => t.dispose());
      attentionMask?.dispose();
      layer.dispose();
    });
  }

  it('dropout acts on the attention probabilities in training only, seeded and fresh on each call', () => {
    const make = () => setup({ dropout: 0.5, seed: 3 });
    const a = make();
    const b = make();
    const inference = [a.layer.apply([a.q, a.v]) as Tensor, a.layer.apply([a.q, a.v]) as Tensor];
    expect(Array.from(inference[0].dataSync())).toEqual(Array.from(inference[1].dataSync()));
    const first = [a.layer.apply([a.q, a.v], { training: true }) as Tensor, b.layer.apply([b.q, b.v], { training: true }) as Tensor];
    const second = a.layer.apply([a.q, a.v], { training: true }) as Tensor;
    expect(Array.from(first[0].dataSync())).toEqual(Array.from(first[1].dataSync()));
    expect(Array.from(second.dataSync())).not.toEqual(Array.from(first[0].dataSync()));
    expect(Array.from(first[0].dataSync())).not.toEqual(Array.from(inference[0].dataSync()));
    [...inference, ...first, second, a.q, a.v, b.q, b.v].forEach((t) => t.dispose());
    a.layer.dispose();
    b.layer.dispose();
  });

  it('the gradient with respect to the query matches finite differences; no tensors are left behind', () => {
    const { layer, q, v } = setup({ kernelRegularizer: l2({ l2: 0.1 }) });
    const before = memory().numTensors;
    const f = (x: Tensor) => tidy(() => sum((layer.apply([x, v]) as Tensor).square()));
    const { value, grads } = valueAndGrads((x) => f(x))([q]);
    const qv = Array.from(q.dataSync());
    const h = 1e-2;
    const numeric = qv.map((_, i) => {
      const up = [...qv];
      const down = [...qv];
      up[i] += h;
      down[i] -= h;
      return tidy(() => (f(tensor(up, [B, TQ, DQ])).dataSync()[0] - f(tensor(down, [B, TQ, DQ])).dataSync()[0]) / (2 * h));
    });
    expect(maxDiff(grads[0].dataSync(), numeric)).toBeLessThan(5e-3);
    [value, ...grads].forEach((t) => t.dispose());
    expect(memory().numTensors).toBe(before);
    expect(layer.losses.length).toBe(4);
    layer.losses.forEach((t) => t.dispose());
    [q, v].forEach((t) => t.dispose());
    layer.dispose();
  });

  it('config round trip, outputShape and key input', () => {
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 4, outputShape: 7, dropout: 0.1, seed: 2 });
    const q = tensor(rand(2 * 3 * 5, 4), [2, 3, 5]);
    const v = tensor(rand(2 * 6 * 3, 5), [2, 6, 3]);
    const k = tensor(rand(2 * 6 * 4, 6), [2, 6, 4]);
    const y = layer.apply([q, v, k]) as Tensor;
    expect([...y.shape]).toEqual([2, 3, 7]);
    expect(layer.computeOutputShape([[null, 3, 5], [null, 6, 3], [null, 6, 4]])).toEqual([null, 3, 7]);
    const clone = MultiHeadAttention.fromConfig(JSON.parse(JSON.stringify(layer.getConfig())));
    expect(clone.getConfig()).toEqual(layer.getConfig());
    [q, v, k, y].forEach((t) => t.dispose());
    layer.dispose();
    clone.dispose();
  });

  it('bad arguments and inputs get errors that name them', () => {
    expect(() => new MultiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow(/numHeads must be a positive integer. Received: numHeads=0/);
    expect(() => new MultiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 2 })).toThrow(/dropout must be a finite number in \[0, 1\]. Received: dropout=2/);
    expect(() => new MultiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [2] })).toThrow(/attentionAxes must be null or the steps axis/);
    const { layer, q, v } = setup();
    const wrong = tensor(new Array(B * TQ * 2).fill(1), [B, TQ, 2]);
    expect(() => layer.apply([q, v], { attentionMask: wrong } as AttentionCallOptions)).toThrow(/attentionMask must have shape \[2, 3, 4\] \(batch, query steps, value steps\). Received: shape=\[2, 3, 2\]/);
    expect(() => layer.apply(q)).toThrow(/inputs must be \[query, value\] or \[query, value, key\]/);
    [q, v, wrong].forEach((t) => t.dispose());
    layer.dispose();
  });
});
