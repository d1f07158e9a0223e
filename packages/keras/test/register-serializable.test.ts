import { describe, expect, it } from 'vitest';
import {
  Constraint, Initializer, Layer, Regularizer, clipByValue, fill, getBackend, layers, loadModel, losses, mean, mul, regularizers, registerSerializable, saveModel,
  sequential, square, sub, sum, tensor, tidy, type CallOptions, type LayerArgs, type LayerConfig, type LayerShape, type LayerWeight, type Tensor,
} from '../src/index.js';

// A downstream library's own classes, one of each kind, registered through the one entry point.

class HalfClip extends Constraint {
  static override className = 'HalfClip';
  apply(w: Tensor): Tensor {
    return clipByValue(w, -0.5, 0.5);
  }
}

class Threes extends Initializer {
  static override className = 'Threes';
  apply(shape: number[]): Tensor {
    return fill(shape, 0.3);
  }
}

class CenteredL2 extends Regularizer {
  static override className = 'CenteredL2';
  readonly l2: number;
  readonly center: number;
  constructor(config: { l2?: number; center?: number } = {}) {
    super();
    this.l2 = config.l2 ?? 0.01;
    this.center = config.center ?? 1;
  }
  apply(x: Tensor): Tensor {
    return tidy(() => mul(sum(square(sub(x, this.center))), this.l2));
  }
  getConfig() {
    return { l2: this.l2, center: this.center };
  }
}

class Scale extends Layer {
  static override className = 'Scale';
  readonly scaleRegularizer: Regularizer | null;
  private scale: LayerWeight | null = null;
  constructor(args: LayerArgs & { scaleRegularizer?: unknown } = {}) {
    const { scaleRegularizer = null, ...base } = args;
    super(base);
    this.scaleRegularizer = regularizers.get(scaleRegularizer as never);
  }
  override build(inputShape: LayerShape | LayerShape[]): void {
    const shape = inputShape as LayerShape;
    this.scale = this.addWeight({ name: 'scale', shape: [shape[shape.length - 1] as number], initializer: 'Threes', constraint: 'HalfClip', regularizer: this.scaleRegularizer });
    super.build(inputShape);
  }
  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    return mul(inputs as Tensor, (this.scale as LayerWeight).read());
  }
  override getConfig(): LayerConfig {
    return { ...super.getConfig(), scaleRegularizer: this.scaleRegularizer ? regularizers.serialize(this.scaleRegularizer) : null };
  }
}

class MeanSquare extends losses.Loss {
  static className = 'MeanSquare';
  constructor(args: { name?: string } = {}) {
    super('MeanSquare', 'mean_square', args);
  }
  protected computePerSample(yTrue: Tensor, yPred: Tensor) {
    return { losses: mean(square(sub(yPred, yTrue)), { axis: -1 }) };
  }
}

for (const cls of [HalfClip, Threes, CenteredL2, Scale, MeanSquare]) expect(registerSerializable(cls)).toBe(cls);

describe('registerSerializable', () => {
  it('makes each kind known by name: initializer, constraint, regularizer, loss and layer', () => {
    expect(getBackend()).toBe('wasm');
    const reg = regularizers.deserialize({ className: 'CenteredL2', config: { l2: 0.5, center: 2 } });
    expect(reg).toBeInstanceOf(CenteredL2);
    expect(reg.getConfig()).toEqual({ l2: 0.5, center: 2 });
    expect(losses.get('MeanSquare')).toBeInstanceOf(MeanSquare);
    expect(losses.get('mean_square')).toBeInstanceOf(MeanSquare);
    expect(losses.deserialize({ className: 'MeanSquare', config: { name: 'ms' } }).name).toBe('ms');
    const layer = new Scale({ scaleRegularizer: { className: 'CenteredL2', config: { l2: 0.1 } } });
    layer.build([null, 3]);
    expect(Array.from(layer.weights[0].read().dataSync())).toEqual([0.3, 0.3, 0.3].map(Math.fround));
    layer.dispose();
  });

  it('a model with all of them trains, saves to .keras and loads back with no customObjects', async () => {
    const model = sequential({
      layers: [layers.inputLayer({ inputShape: [3] }), new Scale({ scaleRegularizer: new CenteredL2({ l2: 0.05, center: 2 }) }), layers.dense({ units: 1, kernelInitializer: 'Threes' })],
    });
    model.compile({ optimizer: 'sgd', loss: new MeanSquare() });
    const x = tensor([1, 2, 3, 0, 1, 0, 2, 2, 1, 1, 0, 1], [4, 3]);
    const y = tensor([1, 0, 2, 1], [4, 1]);
    await model.fit(x, y, { epochs: 5, verbose: 0, shuffle: false });
    // the constraint holds the scales (pulled towards 2 by the regularizer) at 0.5 at most
    const scales = Array.from(model.layers[0].weights[0].read().dataSync());
    expect(scales.every((s) => s <= 0.5)).toBe(true);
    const loaded = await loadModel(await saveModel(model));
    expect(loaded.layers.map((l) => l.className)).toEqual(['Scale', 'Dense']);
    const scale = loaded.layers[0] as Scale;
    expect(scale.scaleRegularizer).toBeInstanceOf(CenteredL2);
    expect(scale.scaleRegularizer?.getConfig()).toEqual({ l2: 0.05, center: 2 });
    expect(Array.from(scale.weights[0].read().dataSync())).toEqual(scales);
    expect(Array.from((loaded.predict(x) as Tensor).dataSync())).toEqual(Array.from((model.predict(x) as Tensor).dataSync()));
    // the compile config came back too, with the loss by its registered name
    expect(loaded.compiled?.outputs[0].loss).toBeInstanceOf(MeanSquare);
  });

  it('refuses what it cannot register, and a second class under a taken name, unless override', () => {
    class NotSerializable {
      static className = 'NotSerializable';
    }
    expect(() => registerSerializable(NotSerializable as never)).toThrow(
      'registerSerializable: cls must be a subclass of Layer, Regularizer, Initializer, Constraint or Loss. Received: cls=function NotSerializable',
    );
    class Unnamed extends Regularizer {
      apply(x: Tensor) {
        return x;
      }
      getConfig() {
        return {};
      }
    }
    expect(() => registerSerializable(Unnamed)).toThrow('registerSerializable: cls.className must be a non-empty string: the static name the class is saved under. Received: cls.className=undefined');
    expect(() => registerSerializable('Dense' as never)).toThrow("registerSerializable: cls must be a class (a subclass of Layer, Regularizer, Initializer, Constraint or Loss). Received: cls='Dense'");
    class Dense extends Scale {
      static override className = 'Dense';
    }
    expect(() => registerSerializable(Dense)).toThrow("registerSerializable: the layer class name 'Dense' is already registered to another layer class");
    expect(layers.dense({ units: 2 })).not.toBeInstanceOf(Scale);
    class Scale2 extends Scale {
      static override className = 'Scale';
    }
    registerSerializable(Scale2, { override: true });
    registerSerializable(Scale, { override: true });
  });
});
