import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { NeuriteError, abs, mul, sum, tensor, type Tensor } from '@neurite/tensor';
import {
  L1, L1L2, L2, OrthogonalRegularizer, Regularizer, deserialize, getRegularizer, l1, l1l2, l2, orthogonal,
  registerRegularizer, serialize, type RegularizerConfig,
} from '../src/index.js';

const value = (t: Tensor) => t.dataSync()[0];

describe('L1, L2, L1L2: values and defaults', () => {
  const w = tensor([[1, -2], [3, -4]]);

  it('L1 is l1 * sum |w| with Keras default l1 = 0.01', () => {
    expect(value(new L1().apply(w))).toBeCloseTo(0.01 * 10, 6);
    expect(value(new L1({ l1: 0.5 }).apply(w))).toBeCloseTo(5, 6);
  });

  it('L2 is l2 * sum w² (no 1/2) with Keras default l2 = 0.01', () => {
    expect(value(new L2().apply(w))).toBeCloseTo(0.01 * 30, 6);
    expect(value(new L2({ l2: 0.1 }).apply(w))).toBeCloseTo(3, 5);
  });

  it('L1L2 defaults to 0 and 0 (Keras 3), adds both terms otherwise', () => {
    expect(value(new L1L2().apply(w))).toBe(0);
    expect(value(new L1L2({ l1: 0.1, l2: 0.2 }).apply(w))).toBeCloseTo(0.1 * 10 + 0.2 * 30, 5);
    expect(value(new L1L2({ l2: 0.2 }).apply(w))).toBeCloseTo(6, 5);
  });

  it('returns a float32 scalar, also for int32 weights', () => {
    const p = new L2({ l2: 0.5 }).apply(tensor([1, 2, 3], undefined, 'int32'));
    expect(p.shape).toEqual([]);
    expect(p.dtype).toBe('float32');
    expect(value(p)).toBeCloseTo(7, 6);
  });

  it('lower-case factories build the classes', () => {
    expect(l1({ l1: 0.3 })).toBeInstanceOf(L1);
    expect(l2({ l2: 0.3 }).l2).toBe(0.3);
    expect(l1l2({ l1: 0.1 }).getConfig()).toEqual({ l1: 0.1, l2: 0 });
    expect(orthogonal({ mode: 'columns' }).mode).toBe('columns');
  });
});

describe('OrthogonalRegularizer', () => {
  it('matches a hand computation (rows): two unit rows at 60 degrees and a third orthogonal', () => {
    // rows a=(1,0,0), b=(1/2, √3/2, 0), c=(0,0,2): |cos| = 0.5, 0, 0 -> mean over 3 pairs = 1/6
    const w = tensor([[1, 0, 0], [0.5, Math.sqrt(3) / 2, 0], [0, 0, 2]]);
    expect(value(new OrthogonalRegularizer({ factor: 1 }).apply(w))).toBeCloseTo(1 / 6, 6);
  });

  it('columns mode looks at columns', () => {
    const w = tensor([[1, 1], [0, 1]]); // columns (1,0), (1,1): cos = 1/√2; one pair
    expect(value(new OrthogonalRegularizer({ factor: 2, mode: 'columns' }).apply(w))).toBeCloseTo(2 * Math.SQRT1_2, 6);
    // rows (1,1), (0,1): also 1/√2
    expect(value(new OrthogonalRegularizer({ factor: 2 }).apply(w))).toBeCloseTo(2 * Math.SQRT1_2, 6);
  });

  it('has Keras defaults factor 0.01 and mode rows', () => {
    expect(new OrthogonalRegularizer().getConfig()).toEqual({ factor: 0.01, mode: 'rows' });
  });

  it('is 0 (not NaN) for a single row or column, where there are no pairs', () => {
    expect(value(new OrthogonalRegularizer({ factor: 1 }).apply(tensor([[1, 2, 3]])))).toBe(0);
    expect(value(new OrthogonalRegularizer({ factor: 1, mode: 'columns' }).apply(tensor([[1], [2]])))).toBe(0);
  });

  it('keeps a zero row at 0 instead of NaN (the 1e-12 floor)', () => {
    const p = value(new OrthogonalRegularizer({ factor: 1 }).apply(tensor([[0, 0], [1, 0]])));
    expect(p).toBe(0);
  });

  it('rejects weights that are not rank 2, naming the shape', () => {
    const r = new OrthogonalRegularizer();
    expect(() => r.apply(tensor([1, 2, 3]))).toThrow(/OrthogonalRegularizer: inputs must have rank 2\. Received: inputs\.shape=\[3\]/);
    expect(() => r.apply(tensor([[[1]]]))).toThrow(/shape=\[1, 1, 1\]/);
  });
});

describe('argument errors', () => {
  it.each([
    ['L1', () => new L1({ l1: -1 }), /L1: l1 must be a finite number >= 0\. Received: l1=-1/],
    ['L1 NaN', () => new L1({ l1: NaN }), /Received: l1=NaN/],
    ['L2 Infinity', () => new L2({ l2: Infinity }), /L2: l2 .*Received: l2=Infinity/],
    ['L1L2 l2', () => new L1L2({ l1: 0.1, l2: -0.5 }), /L1L2: l2 .*Received: l2=-0\.5/],
    // A string is quoted, so '0.1' (the string) cannot be mistaken for 0.1 (the number).
    ['L2 string', () => new L2({ l2: '0.1' as unknown as number }), /Received: l2='0\.1'$/],
    ['L1 string', () => new L1({ l1: '0.1' as unknown as number }), /^L1: l1 must be a finite number >= 0\. Received: l1='0\.1'$/],
    ['Orthogonal factor', () => new OrthogonalRegularizer({ factor: -2 }), /OrthogonalRegularizer: factor .*Received: factor=-2/],
    ['Orthogonal mode', () => new OrthogonalRegularizer({ mode: 'diagonal' as 'rows' }), /mode must be 'rows' or 'columns'\. Received: mode='diagonal'/],
    ['unknown key', () => new L1({ l2: 0.1 } as never), /L1: unknown option 'l2'; the options are 'l1'. Received: l2=0\.1/],
    ['config not an object', () => new L2(5 as never), /L2: config must be an object\. Received: config=5/],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(NeuriteError);
    expect(make).toThrow(message);
  });

  it('deserialize names an unknown regularizer and lists the known ones', () => {
    expect(() => deserialize('l3')).toThrow(/deserialize: unknown regularizer "l3"; known: .*L1.*l1_l2/);
    expect(() => deserialize({ class_name: 'Nope', config: {} })).toThrow(/unknown regularizer "Nope"/);
  });
});

describe('serialization', () => {
  it('getConfig has exactly Keras keys', () => {
    expect(new L1({ l1: 0.2 }).getConfig()).toEqual({ l1: 0.2 });
    expect(new L2({ l2: 0.3 }).getConfig()).toEqual({ l2: 0.3 });
    expect(new L1L2({ l1: 0.2, l2: 0.3 }).getConfig()).toEqual({ l1: 0.2, l2: 0.3 });
    expect(new OrthogonalRegularizer({ factor: 0.5, mode: 'columns' }).getConfig()).toEqual({ factor: 0.5, mode: 'columns' });
  });

  it('serializes with Keras class names', () => {
    expect(serialize(new L1())).toEqual({ className: 'L1', config: { l1: 0.01 } });
    expect(serialize(new L1L2({ l1: 1 })).className).toBe('L1L2');
    expect(serialize(new OrthogonalRegularizer()).className).toBe('OrthogonalRegularizer');
  });

  it.each([
    ['l1', L1], ['L1', L1], ['l2', L2], ['L2', L2], ['l1l2', L1L2], ['l1_l2', L1L2], ['L1L2', L1L2],
    ['orthogonal_regularizer', OrthogonalRegularizer], ['OrthogonalRegularizer', OrthogonalRegularizer],
  ] as const)('deserializes the Keras string %s', (name, cls) => {
    expect(deserialize(name)).toBeInstanceOf(cls);
  });

  it("accepts Keras's { class_name, config } form", () => {
    const r = deserialize({ class_name: 'L1L2', config: { l1: 0.25, l2: 0.5 } });
    expect(r).toBeInstanceOf(L1L2);
    expect(r.getConfig()).toEqual({ l1: 0.25, l2: 0.5 });
    expect(getRegularizer(null)).toBeNull();
  });

  it('round-trips a user-registered regularizer through serialize/deserialize and the Keras form', () => {
    /** Penalises the sum of |w| above a threshold. */
    class Hinge extends Regularizer {
      static override className = 'Hinge';
      readonly threshold: number;
      constructor(config: { threshold?: number } = {}) {
        super();
        this.threshold = config.threshold ?? 1;
      }
      apply(x: Tensor): Tensor {
        return mul(sum(abs(x)).sub(this.threshold).relu(), 1);
      }
      getConfig(): RegularizerConfig {
        return { threshold: this.threshold };
      }
    }
    registerRegularizer(Hinge, 'hinge_penalty');
    const original = new Hinge({ threshold: 2.5 });
    const s = serialize(original);
    expect(s).toEqual({ className: 'Hinge', config: { threshold: 2.5 } });
    const back = deserialize(JSON.parse(JSON.stringify(s)));
    expect(back).toBeInstanceOf(Hinge);
    expect(back.getConfig()).toEqual({ threshold: 2.5 });
    expect(value(back.apply(tensor([1, -3])))).toBeCloseTo(1.5, 6);
    const viaKeras = deserialize({ class_name: 'hinge_penalty', config: { threshold: 0.5 } });
    expect(viaKeras).toBeInstanceOf(Hinge);
    expect((viaKeras as Hinge).threshold).toBe(0.5);
  });
});
