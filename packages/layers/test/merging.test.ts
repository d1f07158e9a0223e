import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { grad, memory, tensor, type Tensor } from '@neurite/tensor';
import {
  Add, Average, Concatenate, Dot, Input, Maximum, Minimum, Multiply, Subtract, SymbolicTensor, deserializeLayer, getLayerClass,
  serializeLayer, type Layer, type LayerClass, type LayerShape,
} from '../src/index.js';

// runLayerTest (harness.ts) takes one input; merge layers take a list, so this file checks the same things
// (shapes, null batch, weights, registration, config round trip, clone output, no leaks) for lists.

/** A deterministic stream in [-1, 1) for test data. */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function makeInputs(shapes: number[][], seed: number): { tensors: Tensor[]; values: number[][] } {
  const next = stream(seed);
  const values = shapes.map((s) => Array.from({ length: sizeOf(s) }, () => Math.fround(next())));
  return { tensors: values.map((v, i) => tensor(v, shapes[i])), values };
}

/** Plain-JS elementwise reference with broadcasting of size-1 axes (equal ranks). */
function elementwiseRef(shapes: number[][], values: number[][], f: (xs: number[]) => number): { shape: number[]; data: number[] } {
  const shape = shapes[0].map((_, i) => Math.max(...shapes.map((s) => s[i])));
  const data: number[] = [];
  for (let flat = 0; flat < sizeOf(shape); flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let i = shape.length - 1; i >= 0; i--) {
      index[i] = rest % shape[i];
      rest = Math.floor(rest / shape[i]);
    }
    const xs = shapes.map((s, k) => values[k][s.reduce((off, d, i) => off * d + (d === 1 ? 0 : index[i]), 0)]);
    data.push(f(xs));
  }
  return { shape, data };
}

function expectClose(actual: ArrayLike<number>, expected: number[], tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol);
}

/** The harness's checks, for a list of inputs. */
function runMergeTest(make: () => Layer, shapes: number[][], expectedOutputShape: number[]): void {
  const before = memory().numTensors;
  const layer = make();
  const name = `${layer.className} ${JSON.stringify(shapes)}`;
  const { tensors } = makeInputs(shapes, 7);
  const out = layer.apply(tensors) as Tensor;
  expect([...out.shape], `${name}: output shape`).toEqual(expectedOutputShape);
  expect(layer.computeOutputShape(shapes), `${name}: computeOutputShape`).toEqual(expectedOutputShape);
  const nullBatch = shapes.map((s) => [null, ...s.slice(1)] as LayerShape);
  expect(layer.computeOutputShape(nullBatch), `${name}: null batch`).toEqual([null, ...expectedOutputShape.slice(1)]);
  expect(layer.built).toBe(true);
  expect(layer.weights).toHaveLength(0);
  expect(layer.losses).toHaveLength(0);

  const cls = layer.constructor as LayerClass;
  expect(getLayerClass(layer.className), `${name}: registered`).toBe(cls);
  const config = layer.getConfig();
  expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  const clone = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(layer))));
  expect(clone.constructor).toBe(cls);
  expect(clone.getConfig()).toEqual(config);
  const cloneOut = clone.apply(tensors) as Tensor;
  expect(Array.from(cloneOut.dataSync())).toEqual(Array.from(out.dataSync()));

  tensors.forEach((t) => t.dispose());
  out.dispose();
  cloneOut.dispose();
  expect(memory().numTensors, `${name}: no tensor left`).toBe(before);
}

const elementwise = [
  { cls: Add, f: (xs: number[]) => xs.reduce((a, b) => a + b) },
  { cls: Multiply, f: (xs: number[]) => xs.reduce((a, b) => a * b) },
  { cls: Average, f: (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length },
  { cls: Maximum, f: (xs: number[]) => Math.max(...xs) },
  { cls: Minimum, f: (xs: number[]) => Math.min(...xs) },
] as const;

describe('elementwise merges', () => {
  for (const { cls, f } of elementwise) {
    describe(cls.className, () => {
      it('harness checks on 2 and 3 inputs', () => {
        runMergeTest(() => new cls(), [[3, 4], [3, 4]], [3, 4]);
        runMergeTest(() => new cls(), [[2, 3, 5], [2, 3, 5], [2, 3, 5]], [2, 3, 5]);
      });

      it('values against a plain-JS reference, with broadcasting of size-1 axes', () => {
        for (const shapes of [[[4, 3], [4, 3], [4, 3]], [[2, 1, 4], [2, 3, 1]], [[1, 3], [5, 3]]]) {
          const { tensors, values } = makeInputs(shapes, 11);
          const ref = elementwiseRef(shapes, values, f);
          const out = new cls().apply(tensors) as Tensor;
          expect([...out.shape]).toEqual(ref.shape);
          expectClose(out.dataSync(), ref.data);
        }
      });

      it('symbolic inputs give the merged shape', () => {
        const a = Input({ shape: [1, 4] });
        const b = Input({ shape: [3, 4] });
        const y = new cls().apply([a, b]) as SymbolicTensor;
        expect(y).toBeInstanceOf(SymbolicTensor);
        expect(y.shape).toEqual([null, 3, 4]);
        expect(y.node.inputs).toEqual([a, b]);
        expect(y.node.inputsAsList).toBe(true);
      });
    });
  }

  it('Subtract: a - b, on exactly two inputs', () => {
    runMergeTest(() => new Subtract(), [[3, 4], [3, 4]], [3, 4]);
    const shapes = [[2, 3], [2, 1]];
    const { tensors, values } = makeInputs(shapes, 5);
    const ref = elementwiseRef(shapes, values, ([a, b]) => a - b);
    expectClose((new Subtract().apply(tensors) as Tensor).dataSync(), ref.data);
    expect(() => new Subtract().apply([tensors[0], tensors[0], tensors[0]])).toThrow(
      'Subtract: inputs must be a list of exactly 2 tensors. Received: 3 tensors of shapes=[[2,3],[2,3],[2,3]]',
    );
  });

  it('output shapes with unknown axes follow Keras 3 (null stays null; the one known batch size wins)', () => {
    const add = new Add();
    expect(add.computeOutputShape([[null, 3], [null, 3]])).toEqual([null, 3]);
    expect(add.computeOutputShape([[null, 1, 4], [null, 5, 1]])).toEqual([null, 5, 4]);
    expect(add.computeOutputShape([[null, null], [null, 3]])).toEqual([null, null]);
    expect(add.computeOutputShape([[8, 3], [null, 3]])).toEqual([8, 3]);
    expect(add.computeOutputShape([[8, 3], [4, 3]])).toEqual([null, 3]);
  });

  it('errors name the layer, the argument and the shapes', () => {
    expect(() => new Add().computeOutputShape([[null, 3], [null, 4]])).toThrow(
      'Add: inputs must have compatible shapes (equal sizes, or 1 or null where they differ). Received: shapes=[[null,3],[null,4]]',
    );
    expect(() => new Multiply().computeOutputShape([[null, 3], [null, 3, 1]])).toThrow(
      'Multiply: inputs must have the same rank. Received: shapes=[[null,3],[null,3,1]]',
    );
    expect(() => new Maximum().apply([tensor([[1, 2]])])).toThrow(
      'Maximum: inputs must be a list of at least 2 tensors. Received: 1 tensor of shapes=[[1,2]]',
    );
    expect(() => new Minimum().apply(tensor([[1, 2]]))).toThrow(
      'Minimum: inputs must be a list of at least 2 tensors. Received: a single tensor of shape=[1,2]',
    );
    // A built layer still checks the shapes of later calls.
    const avg = new Average();
    avg.apply([tensor([[1, 2]]), tensor([[3, 4]])]);
    expect(() => avg.apply([tensor([[1, 2]]), tensor([[3, 4, 5]])])).toThrow('Average: inputs must have compatible shapes');
    expect(() => new Add().apply([Input({ shape: [3] }), Input({ shape: [4] })])).toThrow('Add: inputs must have compatible shapes');
  });

  it('gradients flow to every input (Add: ones; Multiply: the other input)', () => {
    const a = tensor([[1, 2, 3]]);
    const b = tensor([[4, 5, 6]]);
    const dAdd = grad((x: Tensor) => (new Add().apply([x, b]) as Tensor).sum())(a);
    expect(Array.from(dAdd.dataSync())).toEqual([1, 1, 1]);
    const dMul = grad((x: Tensor) => (new Multiply().apply([x, b]) as Tensor).sum())(a);
    expect(Array.from(dMul.dataSync())).toEqual([4, 5, 6]);
  });
});

describe('Concatenate', () => {
  it('harness checks on several axes', () => {
    runMergeTest(() => new Concatenate(), [[2, 3], [2, 4]], [2, 7]);
    runMergeTest(() => new Concatenate({ axis: 1 }), [[2, 3, 4], [2, 1, 4], [2, 2, 4]], [2, 6, 4]);
    runMergeTest(() => new Concatenate({ axis: -2 }), [[2, 3, 4], [2, 5, 4]], [2, 8, 4]);
  });

  it('values against a plain-JS reference', () => {
    const shapes = [[2, 2, 3], [2, 1, 3]];
    const { tensors, values } = makeInputs(shapes, 3);
    const out = new Concatenate({ axis: 1 }).apply(tensors) as Tensor;
    const expected: number[] = [];
    for (let b = 0; b < 2; b++) {
      expected.push(...values[0].slice(b * 6, b * 6 + 6), ...values[1].slice(b * 3, b * 3 + 3));
    }
    expect([...out.shape]).toEqual([2, 3, 3]);
    expectClose(out.dataSync(), expected, 0);
    const last = new Concatenate().apply([tensor([[1, 2], [3, 4]]), tensor([[5], [6]])]) as Tensor;
    expect(last.arraySync()).toEqual([[1, 2, 5], [3, 4, 6]]);
  });

  it('output shapes with unknown axes; config round trip keeps axis', () => {
    const c = new Concatenate({ axis: 1 });
    expect(c.computeOutputShape([[null, 3, 5], [null, 4, 5]])).toEqual([null, 7, 5]);
    expect(c.computeOutputShape([[null, null, 5], [null, 4, 5]])).toEqual([null, null, 5]);
    expect(c.computeOutputShape([[null, 3, null], [null, 4, 5]])).toEqual([null, 7, 5]);
    expect(c.getConfig().axis).toBe(1);
    expect(Concatenate.fromConfig(c.getConfig()).axis).toBe(1);
    expect(new Concatenate().getConfig().axis).toBe(-1);
  });

  it('symbolic inputs give the joined shape', () => {
    const a = Input({ shape: [3] });
    const b = Input({ shape: [4] });
    const y = new Concatenate().apply([a, b]) as SymbolicTensor;
    expect(y.shape).toEqual([null, 7]);
  });

  it('errors name the layer, the argument and the shapes', () => {
    expect(() => new Concatenate().computeOutputShape([[null, 3], [null, 4, 1]])).toThrow(
      'Concatenate: inputs must have matching shapes except on axis -1. Received: shapes=[[null,3],[null,4,1]]',
    );
    expect(() => new Concatenate({ axis: 1 }).computeOutputShape([[null, 3, 2], [null, 4, 5]])).toThrow(
      'Concatenate: inputs must have matching shapes except on axis 1. Received: shapes=[[null,3,2],[null,4,5]]',
    );
    expect(() => new Concatenate({ axis: 2 }).computeOutputShape([[null, 3], [null, 4]])).toThrow(
      'Concatenate: axis must be in [-2, 2) for inputs of rank 2. Received: axis=2',
    );
    expect(() => new Concatenate({ axis: 1.5 })).toThrow('Concatenate: axis must be an integer. Received: axis=1.5');
    expect(() => new Concatenate().apply([Input({ shape: [3] })])).toThrow(
      'Concatenate: inputs must be a list of at least 2 tensors. Received: 1 tensor of shapes=[[null,3]]',
    );
  });
});

/** Plain-JS batch_dot: out[b, restX..., restY...] = sum_k x[b, ..k at axX..] * y[b, ..k at axY..]. */
function batchDotRef(xShape: number[], x: number[], yShape: number[], y: number[], axX: number, axY: number, normalize: boolean) {
  const strides = (shape: number[]) => shape.map((_, i) => sizeOf(shape.slice(i + 1)));
  const [sx, sy] = [strides(xShape), strides(yShape)];
  const restX = xShape.map((_, i) => i).filter((i) => i !== 0 && i !== axX);
  const restY = yShape.map((_, i) => i).filter((i) => i !== 0 && i !== axY);
  const restDims = [...restX.map((i) => xShape[i]), ...restY.map((i) => yShape[i])];
  const n = xShape[axX];
  const data: number[] = [];
  const coords = (flat: number, dims: number[]) => dims.map((_, i) => Math.floor(flat / sizeOf(dims.slice(i + 1))) % dims[i]);
  for (let b = 0; b < xShape[0]; b++) {
    for (let o = 0; o < sizeOf(restDims); o++) {
      const c = coords(o, restDims);
      const baseX = b * sx[0] + restX.reduce((off, ax, j) => off + c[j] * sx[ax], 0);
      const baseY = b * sy[0] + restY.reduce((off, ax, j) => off + c[restX.length + j] * sy[ax], 0);
      let dot = 0;
      let nx = 0;
      let ny = 0;
      for (let k = 0; k < n; k++) {
        const a = x[baseX + k * sx[axX]];
        const v = y[baseY + k * sy[axY]];
        dot += a * v;
        nx += a * a;
        ny += v * v;
      }
      data.push(normalize ? dot / Math.sqrt(Math.max(nx, 1e-12) * Math.max(ny, 1e-12)) : dot);
    }
  }
  return { shape: [xShape[0], ...(restDims.length ? restDims : [1])], data };
}

describe('Dot', () => {
  it("Keras's example: axes (1, 2) of [1, 5, 2] and [1, 2, 5] give [[[260, 360], [320, 445]]]", () => {
    const x = tensor(Array.from({ length: 10 }, (_, i) => i), [1, 5, 2]);
    const y = tensor(Array.from({ length: 10 }, (_, i) => 10 + i), [1, 2, 5]);
    const out = new Dot({ axes: [1, 2] }).apply([x, y]) as Tensor;
    expect(out.arraySync()).toEqual([[[260, 360], [320, 445]]]);
  });

  it('harness checks: shapes, config round trip, no leaks', () => {
    runMergeTest(() => new Dot({ axes: 1 }), [[3, 4], [3, 4]], [3, 1]);
    runMergeTest(() => new Dot({ axes: [2, 1] }), [[2, 3, 4], [2, 4, 5]], [2, 3, 5]);
    runMergeTest(() => new Dot({ axes: -1, normalize: true }), [[2, 3, 4], [2, 5, 4]], [2, 3, 5]);
    runMergeTest(() => new Dot({ axes: [1, 2] }), [[2, 4], [2, 3, 4]], [2, 3]);
  });

  it('values match a plain-JS batch dot for every pair of axes, with and without normalize', () => {
    const cases: [number[], number[], number, number][] = [
      [[2, 5], [2, 5], 1, 1],
      [[2, 3, 4], [2, 4, 6], 2, 1],
      [[2, 4, 3], [2, 6, 4], 1, 2],
      [[3, 2, 4, 5], [3, 5, 2], 3, 1],
      [[2, 3, 2, 4], [2, 4, 3, 1], 1, 2],
    ];
    for (const [xs, ys, ax, ay] of cases) {
      for (const normalize of [false, true]) {
        const { tensors, values } = makeInputs([xs, ys], 11);
        const out = new Dot({ axes: [ax, ay], normalize }).apply(tensors) as Tensor;
        const ref = batchDotRef(xs, values[0], ys, values[1], ax, ay, normalize);
        expect([...out.shape], JSON.stringify({ xs, ys, ax, ay })).toEqual(ref.shape);
        expectClose(out.dataSync(), ref.data, 1e-5);
        // negative axes name the same axes
        const neg = new Dot({ axes: [ax - xs.length, ay - ys.length], normalize }).apply(tensors) as Tensor;
        expectClose(neg.dataSync(), Array.from(out.dataSync()), 0);
        [...tensors, out, neg].forEach((t) => t.dispose());
      }
    }
  });

  it('normalize gives the cosine similarity, and a zero vector gives 0, not NaN', () => {
    const out = new Dot({ axes: 1, normalize: true }).apply([tensor([[3, 4], [0, 0]]), tensor([[4, 3], [1, 2]])]) as Tensor;
    expectClose(out.dataSync(), [24 / 25, 0], 1e-6);
  });

  it('gradients: d(sum of x . y)/dx is y, and the reverse', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    const y = tensor([[7, 8, 9], [1, 0, -1]]);
    const layer = new Dot({ axes: 1 });
    const gx = grad((a: Tensor) => (layer.apply([a, y]) as Tensor).sum())(x);
    const gy = grad((b: Tensor) => (layer.apply([x, b]) as Tensor).sum())(y);
    expect(gx.arraySync()).toEqual(y.arraySync());
    expect(gy.arraySync()).toEqual(x.arraySync());
  });

  it('symbolic inputs give the batch-dot shape', () => {
    const y = new Dot({ axes: [2, 1] }).apply([Input({ shape: [3, 4] }), Input({ shape: [4, 6] })]) as SymbolicTensor;
    expect(y.shape).toEqual([null, 3, 6]);
  });

  it('errors name the layer, the argument and the shapes', () => {
    expect(() => new Dot({} as never)).toThrow('Dot: axes must be an integer or a pair of integers. Received: axes=undefined');
    expect(() => new Dot({ axes: [1] as never })).toThrow('Dot: axes must be an integer or a pair of integers. Received: axes=[1]');
    expect(() => new Dot({ axes: 1, normalize: 'yes' as never })).toThrow("Dot: normalize must be a boolean. Received: normalize='yes'");
    expect(() => new Dot({ axes: 1 }).computeOutputShape([[null, 3], [null, 4]])).toThrow(
      'Dot: the summed axes must have the same size; axis 1 of input 0 has 3, axis 1 of input 1 has 4. Received: shapes=[[null,3],[null,4]]',
    );
    expect(() => new Dot({ axes: 0 }).computeOutputShape([[null, 3], [null, 3]])).toThrow(/^Dot: axes must name a non-batch axis/);
    expect(() => new Dot({ axes: 2 }).computeOutputShape([[null, 3], [null, 3]])).toThrow(/^Dot: axes must name a non-batch axis/);
    expect(() => new Dot({ axes: 1 }).computeOutputShape([[null, 3], [null, 3], [null, 3]])).toThrow(
      'Dot: inputs must be a list of exactly 2 tensors. Received: 3 tensors of shapes=[[null,3],[null,3],[null,3]]',
    );
    expect(() => new Dot({ axes: 1 }).computeOutputShape([[3], [3]])).toThrow(/^Dot: both inputs need a batch axis and at least one more/);
  });
});
