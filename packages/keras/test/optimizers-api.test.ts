import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { memory, NeuriteError, tensor, tidy, variable } from '@neurite/tensor';
import {
  Adagrad, Adam, AdamW, ExponentialDecay, Optimizer, RMSprop, SGD, getOptimizer, optimizers, serializeOptimizer,
} from '../src/optimizers/index.js';

describe('getOptimizer', () => {
  it.each<[string, typeof Optimizer]>([
    ['sgd', SGD], ['SGD', SGD], ['adam', Adam], ['Adam', Adam], ['ADAM', Adam], ['adamw', AdamW], ['AdamW', AdamW], ['adam_w', AdamW],
    ['rmsprop', RMSprop], ['RMSprop', RMSprop], ['rms_prop', RMSprop], ['adagrad', Adagrad], ['Adagrad', Adagrad],
  ])("'%s' gives a default %s", (name, cls) => {
    const opt = getOptimizer(name);
    expect(opt).toBeInstanceOf(cls);
    expect(opt.className).toBe(cls.className);
    opt.dispose();
  });
  it('returns an instance as-is', () => {
    const opt = new Adam();
    expect(getOptimizer(opt)).toBe(opt);
  });
  it('an unknown name lists the known ones', () => {
    expect(() => getOptimizer('adamax')).toThrow(NeuriteError);
    expect(() => getOptimizer('adamax')).toThrow(/unknown optimizer 'adamax'\. Known optimizers: 'sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'/);
    expect(() => getOptimizer({ className: 'Nadam', config: {} })).toThrow(/unknown optimizer 'Nadam'/);
  });
  it('rejects other identifiers', () => {
    expect(() => getOptimizer(42 as never)).toThrow(/^getOptimizer: identifier must be a name/);
    expect(() => getOptimizer(null as never)).toThrow(/^getOptimizer: identifier must be a name/);
  });
  it.each([
    () => new SGD({ learningRate: 0.2, momentum: 0.7, nesterov: true, clipvalue: 1, name: 'my_sgd' }),
    () => new Adam({ learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, amsgrad: true, clipnorm: 2 }),
    () => new AdamW({ weightDecay: 0.01, globalClipnorm: 3 }),
    () => new RMSprop({ rho: 0.8, momentum: 0.3, epsilon: 1e-5, centered: true }),
    () => new Adagrad({ initialAccumulatorValue: 0.5, epsilon: 1e-4 }),
    () => new Adam({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5 }) }),
  ])('serialize/getOptimizer round-trips the config (%#)', (make) => {
    const opt = make();
    const back = getOptimizer(serializeOptimizer(opt));
    expect(back.className).toBe(opt.className);
    expect(back.getConfig()).toEqual(opt.getConfig());
    expect(back.currentLearningRate()).toBe(opt.currentLearningRate());
  });
});

describe('getConfig and defaults (Keras 3)', () => {
  it('SGD', () => {
    expect(new SGD().getConfig()).toEqual({
      name: 'SGD', learningRate: 0.01, weightDecay: null, clipnorm: null, globalClipnorm: null, clipvalue: null, momentum: 0, nesterov: false,
    });
  });
  it('Adam', () => {
    expect(new Adam().getConfig()).toEqual({
      name: 'adam', learningRate: 0.001, weightDecay: null, clipnorm: null, globalClipnorm: null, clipvalue: null,
      beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false,
    });
  });
  it('AdamW', () => {
    expect(new AdamW().getConfig()).toMatchObject({ name: 'adamw', learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false });
  });
  it('RMSprop', () => {
    expect(new RMSprop().getConfig()).toMatchObject({ name: 'rmsprop', learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
  });
  it('Adagrad', () => {
    expect(new Adagrad().getConfig()).toMatchObject({ name: 'adagrad', learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 });
  });
  it('a schedule learning rate is serialized as { className, config }', () => {
    const cfg = new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 0.5 }) }).getConfig();
    expect(cfg.learningRate).toEqual({
      className: 'ExponentialDecay', config: { initialLearningRate: 1, decaySteps: 2, decayRate: 0.5, staircase: false, name: 'ExponentialDecay' },
    });
  });
});

describe('the optimizers namespace', () => {
  it('factories and classes', () => {
    expect(optimizers.sgd({ momentum: 0.9 })).toBeInstanceOf(optimizers.SGD);
    expect(optimizers.adam({ learningRate: 0.01 })).toBeInstanceOf(optimizers.Adam);
    expect(optimizers.adamw()).toBeInstanceOf(optimizers.AdamW);
    expect(optimizers.rmsprop()).toBeInstanceOf(optimizers.RMSprop);
    expect(optimizers.adagrad()).toBeInstanceOf(optimizers.Adagrad);
    expect(optimizers.adam()).toBeInstanceOf(optimizers.Optimizer);
    expect(optimizers.get('sgd')).toBeInstanceOf(SGD);
    expect((optimizers.adam({ beta1: 0.5 }) as Adam).beta1).toBe(0.5);
  });
});

describe('learningRate', () => {
  it('can be set to a new number (ReduceLROnPlateau does this)', () => {
    const opt = new Adam();
    opt.learningRate = 0.5;
    expect(opt.currentLearningRate()).toBe(0.5);
    expect(opt.getConfig().learningRate).toBe(0.5);
    expect(() => {
      opt.learningRate = -1;
    }).toThrow(/^Adam: learningRate must be a finite number >= 0 or a LearningRateSchedule\. Received: learningRate=-1$/);
  });
  it('may be 0, as in Keras (a warm-up starts there): a step then leaves the weights as they are', () => {
    for (const make of [() => new SGD({ learningRate: 0, momentum: 0.9 }), () => new Adam({ learningRate: 0 }), () => new RMSprop({ learningRate: 0 })]) {
      const opt = make();
      const v = variable(tensor([1, -2]));
      tidy(() => opt.applyGradients([[tensor([0.5, 3]), v]]));
      expect(Array.from(v.dataSync())).toEqual([1, -2]);
      expect(opt.getConfig().learningRate).toBe(0);
      opt.learningRate = 0.1;
      tidy(() => opt.applyGradients([[tensor([0.5, 3]), v]]));
      expect(v.dataSync()[0]).toBeLessThan(1);
      v.dispose();
      opt.dispose();
    }
  });
  it('built with a schedule, it cannot be set to a number (as Keras)', () => {
    const opt = new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 0.5 }) });
    expect(() => {
      opt.learningRate = 0.1;
    }).toThrow(/schedule, so it cannot be set to a number/);
  });
  it('a schedule that returns garbage is reported', () => {
    const bad = { className: 'Bad', at: () => Number.NaN, getConfig: () => ({}) };
    const opt = new SGD({ learningRate: bad });
    expect(() => opt.currentLearningRate()).toThrow(/the Bad schedule returned an invalid learning rate at step 0: NaN/);
  });
});

describe('argument validation', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['learningRate -1', () => new Adam({ learningRate: -1 }), /^Adam: learningRate must be a finite number >= 0 or a LearningRateSchedule\. Received: learningRate=-1$/],
    ['learningRate Infinity', () => new RMSprop({ learningRate: Infinity }), /^RMSprop: learningRate must be .* Received: learningRate=Infinity$/],
    ['learningRate string', () => new Adagrad({ learningRate: '0.1' as never }), /Received: learningRate='0\.1'$/],
    ['beta1 1', () => new Adam({ beta1: 1 }), /^Adam: beta1 must be a number in \[0, 1\)\. Received: beta1=1$/],
    ['beta2 -0.1', () => new AdamW({ beta2: -0.1 }), /^AdamW: beta2 must be a number in \[0, 1\)\. Received: beta2=-0\.1$/],
    ['epsilon -1', () => new Adam({ epsilon: -1 }), /^Adam: epsilon must be a finite number >= 0\. Received: epsilon=-1$/],
    ['amsgrad 1', () => new Adam({ amsgrad: 1 as never }), /^Adam: amsgrad must be a boolean\. Received: amsgrad=1$/],
    ['momentum 1.5', () => new SGD({ momentum: 1.5 }), /^SGD: momentum must be a number in \[0, 1\]\. Received: momentum=1\.5$/],
    ['momentum NaN', () => new SGD({ momentum: Number.NaN }), /^SGD: momentum must be a number in \[0, 1\]\. Received: momentum=NaN$/],
    ['nesterov string', () => new SGD({ nesterov: 'yes' as never }), /^SGD: nesterov must be a boolean/],
    ['rho 1', () => new RMSprop({ rho: 1 }), /^RMSprop: rho must be a number in \[0, 1\)/],
    ['RMSprop momentum -1', () => new RMSprop({ momentum: -1 }), /^RMSprop: momentum must be a number in \[0, 1\]/],
    ['centered 0', () => new RMSprop({ centered: 0 as never }), /^RMSprop: centered must be a boolean/],
    ['initialAccumulatorValue -1', () => new Adagrad({ initialAccumulatorValue: -1 }), /^Adagrad: initialAccumulatorValue must be a finite number >= 0\. Received: initialAccumulatorValue=-1$/],
    ['weightDecay -1', () => new SGD({ weightDecay: -1 }), /^SGD: weightDecay must be a finite number >= 0\. Received: weightDecay=-1$/],
    ['AdamW weightDecay null', () => new AdamW({ weightDecay: null }), /^AdamW: weightDecay must be a finite number >= 0\. Received: weightDecay=null$/],
    ['name empty', () => new Adam({ name: '' }), /^Adam: name must be a non-empty string/],
    ['unknown option', () => new Adam({ beta_1: 0.9 } as never), /^Adam: unknown option 'beta_1' \(use beta1: options are camelCase\); the options are 'learningRate', /],
    ['options not an object', () => new SGD(0.1 as never), /^SGD: options must be an object\. Received: options=0\.1$/],
  ])('rejects %s', (_label, make, message) => {
    expect(make).toThrow(NeuriteError);
    expect(make).toThrow(message);
  });

  it('applyGradients rejects a shape mismatch, a non-variable and a variable listed twice', () => {
    const v = variable(tensor([1, 2]));
    const opt = new SGD();
    expect(() => tidy(() => opt.applyGradients([[tensor([1, 2, 3]), v]]))).toThrow(
      /^SGD\.applyGradients: gradsAndVars\[0\]\[0\]\.shape must be \[2\] \(the shape of variable '.*'\)\. Received: gradsAndVars\[0\]\[0\]\.shape=\[3\]$/,
    );
    expect(() => tidy(() => opt.applyGradients([[tensor([1, 2]), tensor([1, 2]) as never]]))).toThrow(/gradsAndVars\[0\] must be a \[Tensor, Variable\] pair/);
    expect(() => tidy(() => opt.applyGradients([[tensor([1, 2]), v], [tensor([1, 2]), v]]))).toThrow(/gradsAndVars\[1\]\[1\] must be a variable not listed twice/);
    expect(opt.iterations).toBe(0);
    close2(v.dataSync(), [1, 2]);
    v.dispose();
  });
  it('applyGradients after dispose is an error', () => {
    const v = variable(tensor([1]));
    const opt = new Adam();
    opt.dispose();
    expect(() => tidy(() => opt.applyGradients([[tensor([1]), v]]))).toThrow(/^Adam: applyGradients was called after dispose\(\)$/);
    v.dispose();
  });
});

describe('slots and dispose', () => {
  it('slots are created lazily per variable and freed by dispose', () => {
    const a = variable(tensor([1, 2]));
    const b = variable(tensor([[1], [2], [3]]));
    const opt = new Adam({ amsgrad: true });
    expect(opt.variables).toHaveLength(0);
    tidy(() => opt.applyGradients([[tensor([1, 1]), a]]));
    expect(opt.variables).toHaveLength(3); // m, v, vHat of a
    tidy(() => opt.applyGradients([[tensor([1, 1]), a], [tensor([[1], [1], [1]]), b]]));
    expect(opt.variables.map((s) => s.shape)).toEqual([[2], [2], [2], [3, 1], [3, 1], [3, 1]]);
    expect(opt.variables.every((s) => !s.trainable)).toBe(true);
    const before = memory().numTensors;
    const slots = opt.variables;
    opt.dispose();
    expect(slots.every((s) => s.isDisposed)).toBe(true);
    expect(memory().numTensors).toBe(before - 6);
    a.dispose();
    b.dispose();
  });
  it('an empty list still counts a step', () => {
    const opt = new SGD();
    opt.applyGradients([]);
    expect(opt.iterations).toBe(1);
  });
  it('a gradient of another dtype is cast to the variable dtype', () => {
    const v = variable(tensor([1, 1]));
    const opt = new SGD({ learningRate: 0.5 });
    tidy(() => opt.applyGradients([[tensor([1, 2], [2], 'int32'), v]]));
    close2(v.dataSync(), [0.5, 0]);
    v.dispose();
  });
});

function close2(a: ArrayLike<number>, b: number[]): void {
  expect(Array.from(a).map((x) => Math.round(x * 1e6) / 1e6)).toEqual(b);
}
