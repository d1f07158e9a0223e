import { CpuBackend } from '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { NeuriteError, getBackend, randomNormal, registerBackend, removeBackend, setBackend, setSeed, tidy } from '@neurite/tensor';
import {
  Constant, GlorotNormal, GlorotUniform, HeNormal, HeUniform, Initializer, LecunNormal, LecunUniform, Ones,
  Orthogonal, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling, Zeros, computeFans, getInitializer,
  initializers, serializeInitializer,
} from '../src/index.js';

/** Draws `shape` and returns the values as plain numbers (the tensor is freed). */
function draw(init: Initializer, shape: number[]): number[] {
  return tidy(() => Array.from(init.apply(shape).dataSync()));
}

function moments(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

/** The variance of a standard normal truncated to [-2, 2]: 1 - 4 phi(2) / (2 Phi(2) - 1). */
const TRUNCATED_VARIANCE = 1 - (4 * Math.exp(-2)) / Math.sqrt(2 * Math.PI) / 0.9544997361036416;

describe('constant initializers', () => {
  it('Zeros, Ones and Constant are exact, in the dtype asked for', () => {
    expect(draw(new Zeros(), [2, 3])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(draw(new Ones(), [4])).toEqual([1, 1, 1, 1]);
    expect(draw(new Constant({ value: -2.5 }), [2, 2])).toEqual([-2.5, -2.5, -2.5, -2.5]);
    expect(draw(new Constant(), [1])).toEqual([0]);
    const t = new Ones().apply([3], 'int32');
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.dataSync())).toEqual([1, 1, 1]);
    t.dispose();
  });

  it('configs use Keras keys', () => {
    expect(new Constant({ value: 3 }).getConfig()).toEqual({ value: 3 });
    expect(new Zeros().getConfig()).toEqual({});
  });
});

describe('computeFans (Keras rules)', () => {
  it.each([
    [[], 1, 1],
    [[7], 7, 7],
    [[10, 20], 10, 20],
    [[3, 16, 32], 48, 96], // conv1d kernel [k, in, out]
    [[3, 3, 16, 32], 144, 288], // conv2d kernel [kh, kw, in, out]
    [[2, 3, 3, 4, 5], 72, 90], // conv3d
  ])('shape %j gives fanIn %i, fanOut %i', (shape, fanIn, fanOut) => {
    expect(computeFans(shape as number[])).toEqual({ fanIn, fanOut });
  });
});

// Each scheme's sample variance against its formula. With N = 48,000 samples the relative standard error
// of the sample variance is at most sqrt(2 / N) ≈ 0.65%; the bound below is 5% (over 7 standard errors).
describe('variance of each scheme matches its formula', () => {
  const dense = [200, 240]; // fanIn 200, fanOut 240
  const conv = [3, 3, 40, 133]; // fanIn 360, fanOut 1197, 47,880 values
  const cases: [string, Initializer, number[], number, 'uniform' | 'truncated' | 'normal', number][] = [
    ['GlorotUniform', new GlorotUniform({ seed: 1 }), dense, 2 / 440, 'uniform', 0],
    ['GlorotNormal', new GlorotNormal({ seed: 2 }), dense, 2 / 440, 'truncated', 0],
    ['HeNormal', new HeNormal({ seed: 3 }), dense, 2 / 200, 'truncated', 0],
    ['HeUniform', new HeUniform({ seed: 4 }), dense, 2 / 200, 'uniform', 0],
    ['LecunNormal', new LecunNormal({ seed: 5 }), dense, 1 / 200, 'truncated', 0],
    ['LecunUniform', new LecunUniform({ seed: 6 }), dense, 1 / 200, 'uniform', 0],
    ['GlorotUniform (conv kernel)', new GlorotUniform({ seed: 7 }), conv, 2 / (360 + 1197), 'uniform', 0],
    ['HeNormal (conv kernel)', new HeNormal({ seed: 8 }), conv, 2 / 360, 'truncated', 0],
    [
      'VarianceScaling fan_out untruncated',
      new VarianceScaling({ scale: 3, mode: 'fan_out', distribution: 'untruncated_normal', seed: 9 }),
      dense, 3 / 240, 'normal', 0,
    ],
    [
      'VarianceScaling fan_avg uniform',
      new VarianceScaling({ scale: 0.5, mode: 'fan_avg', distribution: 'uniform', seed: 10 }),
      conv, 0.5 / ((360 + 1197) / 2), 'uniform', 0,
    ],
    ['RandomNormal', new RandomNormal({ mean: 0.3, stddev: 0.2, seed: 11 }), dense, 0.04, 'normal', 0.3],
    ['RandomUniform', new RandomUniform({ minval: -0.1, maxval: 0.5, seed: 12 }), dense, 0.36 / 12, 'uniform', 0.2],
    // TruncatedNormal keeps stddev as given: the variance is stddev² times the truncated factor.
    ['TruncatedNormal', new TruncatedNormal({ mean: -1, stddev: 0.1, seed: 13 }), dense, 0.01 * TRUNCATED_VARIANCE, 'truncated', -1],
  ];

  it.each(cases)('%s', (_name, init, shape, variance, kind, mean) => {
    const values = draw(init, shape);
    const m = moments(values);
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05);
    expect(Math.abs(m.mean - mean)).toBeLessThan(6 * Math.sqrt(variance / values.length));
    const spread = Math.max(...values.map((v) => Math.abs(v - mean)));
    // The support: uniform within sqrt(3 var) of the mean, truncated normal within 2 stddev (before truncation).
    if (kind === 'uniform') expect(spread).toBeLessThanOrEqual(Math.sqrt(3 * variance) * (1 + 1e-6));
    if (kind === 'truncated') expect(spread).toBeLessThanOrEqual(2 * Math.sqrt(variance / TRUNCATED_VARIANCE) * (1 + 1e-6));
    if (kind === 'normal') expect(spread).toBeGreaterThan(3 * Math.sqrt(variance)); // tails do occur
  });

  it('VarianceScaling uses max(1, fan) and the truncation constant 0.8796...', () => {
    const vs = new VarianceScaling({ scale: 2 });
    expect(vs.variance([0, 5])).toBe(2); // fanIn 0 -> 1
    expect(new VarianceScaling({ mode: 'fan_avg' }).variance([4, 6])).toBeCloseTo(1 / 5, 12);
    // truncated draw: largest |value| <= 2 * sqrt(scale/n) / 0.8796
    const values = draw(new VarianceScaling({ scale: 1, seed: 3 }), [4, 1000]);
    const bound = (2 * Math.sqrt(1 / 4)) / 0.87962566103423978;
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound * (1 + 1e-6));
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(bound * 0.95);
  });
});

describe('seeds', () => {
  const makers: [string, (seed?: number) => Initializer][] = [
    ['RandomNormal', (seed) => new RandomNormal({ seed })],
    ['RandomUniform', (seed) => new RandomUniform({ seed })],
    ['TruncatedNormal', (seed) => new TruncatedNormal({ seed })],
    ['VarianceScaling', (seed) => new VarianceScaling({ seed, distribution: 'uniform' })],
    ['GlorotUniform', (seed) => initializers.glorotUniform({ seed })],
    ['GlorotNormal', (seed) => initializers.glorotNormal({ seed })],
    ['HeNormal', (seed) => initializers.heNormal({ seed })],
    ['HeUniform', (seed) => initializers.heUniform({ seed })],
    ['LecunNormal', (seed) => initializers.lecunNormal({ seed })],
    ['LecunUniform', (seed) => initializers.lecunUniform({ seed })],
    ['Orthogonal', (seed) => initializers.orthogonal({ seed })],
  ];

  it.each(makers)('%s: the same seed gives the same values, other seeds differ', (_name, make) => {
    const a = draw(make(42), [6, 5]);
    expect(draw(make(42), [6, 5])).toEqual(a);
    expect(draw(make(42), [6, 5])).toEqual(draw(make(42), [6, 5]));
    expect(draw(make(43), [6, 5])).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(20); // actually random
  });

  it.each(makers)('%s: unseeded draws differ per call and follow setSeed', (_name, make) => {
    const init = make();
    expect(draw(init, [6, 5])).not.toEqual(draw(init, [6, 5]));
    setSeed(7);
    const first = draw(make(), [6, 5]);
    setSeed(7);
    expect(draw(make(), [6, 5])).toEqual(first);
  });

  it('seeded initializers use the tensor core random ops with that seed', () => {
    // RandomNormal({ seed }) is randomNormal with the same seed, shifted and scaled
    const ref = tidy(() => Array.from(randomNormal([50], { seed: 5 }).dataSync()));
    const got = draw(new RandomNormal({ mean: 1, stddev: 2, seed: 5 }), [50]);
    got.forEach((v, i) => expect(v).toBeCloseTo(1 + 2 * ref[i], 5));
  });
});

/** aᵀa (transpose = false) or a aᵀ (true) of a row-major rows x cols matrix, in float64. */
function gram(a: number[], rows: number, cols: number, ofRows: boolean): number[][] {
  const n = ofRows ? rows : cols;
  const len = ofRows ? cols : rows;
  const at = (v: number, t: number) => (ofRows ? a[v * cols + t] : a[t * cols + v]);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let t = 0; t < len; t++) s += at(i, t) * at(j, t);
      return s;
    }),
  );
}

function expectScaledIdentity(g: number[][], value: number, tol = 1e-5): void {
  g.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - (i === j ? value : 0))).toBeLessThan(tol)));
}

describe('Orthogonal', () => {
  it.each([
    [[8, 5]], [[5, 8]], [[6, 6]], [[2, 3, 4]], [[3, 3, 2, 4]], [[1, 7]], [[7, 1]],
  ])('shape %j: the fewer of rows/columns are orthonormal (flattened to [prod(shape[:-1]), shape[-1]])', (shape) => {
    const cols = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const w = draw(new Orthogonal({ seed: 3 }), shape);
    expect(w.length).toBe(rows * cols);
    expectScaledIdentity(gram(w, rows, cols, rows < cols), 1);
  });

  it('gain scales: WᵀW = gain² I', () => {
    const w = draw(new Orthogonal({ gain: 2.5, seed: 1 }), [9, 4]);
    expectScaledIdentity(gram(w, 9, 4, false), 6.25, 1e-4);
  });

  it("is the sign-corrected Q of the QR of the seed's normal draw: Qᵀ A is upper triangular with a positive diagonal", () => {
    const [m, n] = [7, 4];
    const a = tidy(() => Array.from(randomNormal([m, n], { seed: 11 }).dataSync()));
    const q = draw(new Orthogonal({ seed: 11 }), [m, n]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let r = 0;
        for (let t = 0; t < m; t++) r += q[t * n + i] * a[t * n + j];
        if (i > j) expect(Math.abs(r)).toBeLessThan(1e-5);
        if (i === j) expect(r).toBeGreaterThan(0);
      }
    }
  });

  it('reads nothing back from the device, so it works on a backend that only reads asynchronously', async () => {
    const expected = draw(new Orthogonal({ seed: 5 }), [6, 3]);
    const before = getBackend();
    // the CPU backend without synchronous reads, as WebGPU is
    registerBackend('cpu-async-only', () => new CpuBackend({ syncReads: false }), 0);
    await setBackend('cpu-async-only');
    try {
      const w = new Orthogonal({ seed: 5 }).apply([6, 3]);
      expect(() => w.dataSync()).toThrow(/await/);
      expect(Array.from(await w.data())).toEqual(expected);
      w.dispose();
    } finally {
      await setBackend(before);
      removeBackend('cpu-async-only');
    }
  });

  it('rejects shapes of rank < 2 and non-float dtypes', () => {
    expect(() => new Orthogonal().apply([5])).toThrow(/Orthogonal: shape must be of rank 2 or more.*Received: shape=\[5\]/);
    expect(() => new Orthogonal().apply([2, 2], 'int32')).toThrow(/Orthogonal: dtype must be 'float32'\. Received: dtype='int32'/);
  });
});

describe('registry and configs', () => {
  const all: [Initializer, string, Record<string, unknown>][] = [
    [new Zeros(), 'Zeros', {}],
    [new Ones(), 'Ones', {}],
    [new Constant({ value: 0.5 }), 'Constant', { value: 0.5 }],
    [new RandomNormal({ mean: 1, stddev: 0.5, seed: 3 }), 'RandomNormal', { mean: 1, stddev: 0.5, seed: 3 }],
    [new RandomUniform({ seed: 4 }), 'RandomUniform', { minval: -0.05, maxval: 0.05, seed: 4 }],
    [new TruncatedNormal(), 'TruncatedNormal', { mean: 0, stddev: 0.05, seed: null }],
    [
      new VarianceScaling({ scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 5 }), 'VarianceScaling',
      { scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 5 },
    ],
    [new VarianceScaling(), 'VarianceScaling', { scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: null }],
    [new GlorotUniform({ seed: 1 }), 'GlorotUniform', { seed: 1 }],
    [new GlorotNormal(), 'GlorotNormal', { seed: null }],
    [new HeNormal({ seed: 2 }), 'HeNormal', { seed: 2 }],
    [new HeUniform({ seed: 2 }), 'HeUniform', { seed: 2 }],
    [new LecunNormal({ seed: 2 }), 'LecunNormal', { seed: 2 }],
    [new LecunUniform({ seed: 2 }), 'LecunUniform', { seed: 2 }],
    [new Orthogonal({ gain: 3, seed: 6 }), 'Orthogonal', { gain: 3, seed: 6 }],
  ];

  it.each(all)('%o is %s with Keras config keys and round-trips', (init, className, config) => {
    const s = serializeInitializer(init);
    expect(s).toEqual({ className, config });
    const back = getInitializer(JSON.parse(JSON.stringify(s)));
    expect(back.constructor).toBe(init.constructor);
    expect(back.getConfig()).toEqual(config);
  });

  it.each([
    ['zeros', Zeros], ['ones', Ones], ['constant', Constant], ['random_normal', RandomNormal], ['randomNormal', RandomNormal],
    ['random_uniform', RandomUniform], ['randomUniform', RandomUniform], ['truncated_normal', TruncatedNormal],
    ['truncatedNormal', TruncatedNormal], ['variance_scaling', VarianceScaling], ['varianceScaling', VarianceScaling],
    ['glorot_uniform', GlorotUniform], ['glorotUniform', GlorotUniform], ['glorot_normal', GlorotNormal],
    ['glorotNormal', GlorotNormal], ['he_normal', HeNormal], ['heNormal', HeNormal], ['he_uniform', HeUniform],
    ['heUniform', HeUniform], ['lecun_normal', LecunNormal], ['lecunNormal', LecunNormal], ['lecun_uniform', LecunUniform],
    ['lecunUniform', LecunUniform], ['orthogonal', Orthogonal], ['GlorotUniform', GlorotUniform], ['Zeros', Zeros],
  ] as const)('name %s resolves', (name, cls) => {
    expect(getInitializer(name)).toBeInstanceOf(cls);
  });

  it('the initializers namespace builds every class', () => {
    expect(initializers.zeros()).toBeInstanceOf(Zeros);
    expect(initializers.ones()).toBeInstanceOf(Ones);
    expect(initializers.constant({ value: 2 }).value).toBe(2);
    expect(initializers.randomNormal({ stddev: 1 }).stddev).toBe(1);
    expect(initializers.randomUniform({ maxval: 1 }).maxval).toBe(1);
    expect(initializers.truncatedNormal()).toBeInstanceOf(TruncatedNormal);
    expect(initializers.varianceScaling({ scale: 2 }).scale).toBe(2);
    expect(initializers.heUniform()).toBeInstanceOf(HeUniform);
  });

  it('an unknown name is an error that lists the known ones', () => {
    expect(() => getInitializer('glorot')).toThrow(NeuriteError);
    expect(() => getInitializer('glorot')).toThrow(/getInitializer: unknown initializer "glorot"; known: .*glorot_uniform/);
    expect(() => getInitializer('glorot')).toThrow(/known: .*glorotUniform/);
  });

  it.each([
    ['negative stddev', () => new RandomNormal({ stddev: -1 }), /RandomNormal: stddev must be a finite number >= 0\. Received: stddev=-1/],
    ['NaN mean', () => new TruncatedNormal({ mean: NaN }), /TruncatedNormal: mean must be a finite number\. Received: mean=NaN/],
    ['maxval <= minval', () => new RandomUniform({ minval: 1, maxval: 1 }), /RandomUniform: maxval must be greater than minval \(1\)\. Received: maxval=1/],
    ['fractional seed', () => new GlorotUniform({ seed: 1.5 }), /GlorotUniform: seed must be an integer, null or undefined\. Received: seed=1\.5/],
    ['zero scale', () => new VarianceScaling({ scale: 0 }), /VarianceScaling: scale must be a finite number > 0\. Received: scale=0/],
    ['bad mode', () => new VarianceScaling({ mode: 'fan' as 'fan_in' }), /mode must be one of 'fan_in', 'fan_out', 'fan_avg'\. Received: mode='fan'/],
    ['Keras 2 distribution name', () => new VarianceScaling({ distribution: 'normal' as 'uniform' }), /distribution must be one of .*Received: distribution='normal'/],
    ['preset with scale', () => new HeNormal({ scale: 3 } as never), /HeNormal: unknown option 'scale'; the options are 'seed'. Received: scale=3/],
    ['Constant value', () => new Constant({ value: Infinity }), /Constant: value must be a finite number\. Received: value=Infinity/],
    ['Orthogonal gain', () => new Orthogonal({ gain: NaN }), /Orthogonal: gain must be a finite number\. Received: gain=NaN/],
    ['int dtype for a random initializer', () => new HeNormal().apply([2, 2], 'int32'), /HeNormal: dtype must be 'float32'\. Received: dtype='int32'/],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(NeuriteError);
    expect(make).toThrow(message);
  });
});
