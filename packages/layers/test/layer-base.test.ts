import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { mul, tensor, tidy, type Tensor } from '@neurite/tensor';
import { l1, l2 } from '@neurite/regularizers';
import {
  BatchNormalization, Conv2D, Conv2DTranspose, Dense, GlobalAveragePooling2D, Layer, registerLayer, resetNameCounters,
  type CallOptions, type LayerArgs, type LayerConfig, type LayerShape,
} from '../src/index.js';
import { runLayerTest } from './harness.js';

const sumOf = (t: Tensor) => Array.from(t.dataSync()).reduce((a, b) => a + b, 0);

describe('Layer base behaviour', () => {
  it('gives unique automatic names per class, in Keras snake_case', () => {
    resetNameCounters();
    expect([new Dense({ units: 1 }), new Dense({ units: 1 }), new Dense({ units: 1 })].map((l) => l.name)).toEqual(['dense', 'dense_1', 'dense_2']);
    expect(new Conv2DTranspose({ filters: 1, kernelSize: 1 }).name).toBe('conv2d_transpose');
    expect(new BatchNormalization().name).toBe('batch_normalization');
    expect(new GlobalAveragePooling2D().name).toBe('global_average_pooling2d');
    expect(new Dense({ units: 1, name: 'mine' }).name).toBe('mine');
    expect(new Dense({ units: 1 }).name).toBe('dense_3');
    expect(() => new Dense({ units: 1, name: '' })).toThrow(/Dense: name must be a non-empty string/);
  });

  it('weight penalties appear in losses, and go away while the layer is not trainable', () => {
    const layer = new Dense({ units: 2, kernelRegularizer: l2({ l2: 0.1 }), biasRegularizer: l1({ l1: 0.5 }) });
    layer.apply(tensor([[1, 2, 3]])).dispose();
    layer.setWeights([tensor([[1, -2], [0.5, 0], [3, 1]], [3, 2]), tensor([-1, 2])]);
    const expected = [0.1 * (1 + 4 + 0.25 + 0 + 9 + 1), 0.5 * (1 + 2)];
    let losses = layer.losses;
    expect(losses.map((t) => t.dataSync()[0])).toEqual([expect.closeTo(expected[0], 5), expect.closeTo(expected[1], 5)]);
    losses.forEach((t) => t.dispose());
    layer.trainable = false;
    expect(layer.losses).toEqual([]);
    expect(layer.trainableWeights.length).toBe(0);
    expect(layer.nonTrainableWeights.map((w) => w.name)).toEqual(['kernel', 'bias']);
    layer.trainable = true;
    losses = layer.losses;
    expect(losses.length).toBe(2);
    losses.forEach((t) => t.dispose());
  });

  it('losses are recomputed from the current weights after an assign', () => {
    const layer = new Conv2D({ filters: 1, kernelSize: 1, kernelRegularizer: l2({ l2: 1 }), useBias: false });
    layer.apply(tensor([1, 2], [1, 1, 1, 2])).dispose();
    layer.setWeights([tensor([3, 4], [1, 1, 2, 1])]);
    let [loss] = layer.losses;
    expect(loss.dataSync()[0]).toBeCloseTo(25, 4);
    loss.dispose();
    layer.kernel!.assign(tensor([1, 1], [1, 1, 2, 1]));
    [loss] = layer.losses;
    expect(loss.dataSync()[0]).toBeCloseTo(2, 5);
    loss.dispose();
  });

  it('the activity penalty is computed on the outputs and divided by the batch size', () => {
    const layer = new Dense({ units: 2, activityRegularizer: l2({ l2: 0.5 }), useBias: false, kernelInitializer: 'ones' });
    const x = tensor([[1, 2], [0, -1], [3, 0], [1, 1]]);
    const y = layer.apply(x);
    // kernel of ones: each output unit is the row sum.
    const rowSums = [3, -1, 3, 2];
    expect(Array.from(y.dataSync())).toEqual(rowSums.flatMap((s) => [s, s]));
    const [penalty] = layer.losses;
    expect(penalty.dataSync()[0]).toBeCloseTo((0.5 * rowSums.reduce((a, s) => a + 2 * s * s, 0)) / 4, 5);
    penalty.dispose();
    // A new call replaces the penalty (batch of 1 now).
    layer.apply(tensor([[1, 0]])).dispose();
    const [next] = layer.losses;
    expect(next.dataSync()[0]).toBeCloseTo(0.5 * 2, 5);
  });

  it('setWeights rejects a wrong count or shape, naming the weight and both shapes', () => {
    const layer = new Dense({ units: 2 });
    layer.apply(tensor([[1, 2, 3]])).dispose();
    expect(() => layer.setWeights([tensor([1, 2])])).toThrow(/setWeights expected 2 tensors, got 1/);
    expect(() => layer.setWeights([tensor([1, 2, 3, 4], [2, 2]), tensor([0, 0])])).toThrow(
      `${layer.name}: weight 'kernel' has shape [3, 2], the value given has [2, 2]`,
    );
    // Nothing was assigned by the rejected call.
    expect(layer.getWeights()[0].shape).toEqual([3, 2]);
  });

  it('getWeights returns copies; countParams counts scalars', () => {
    const layer = new Conv2D({ filters: 4, kernelSize: 3 });
    layer.apply(tensor(new Array(2 * 5 * 5 * 2).fill(1), [2, 5, 5, 2])).dispose();
    expect(layer.countParams()).toBe(3 * 3 * 2 * 4 + 4);
    const [kernel] = layer.getWeights();
    const copy = sumOf(kernel);
    kernel.dispose();
    expect(sumOf(layer.kernel!.read())).toBeCloseTo(copy, 6);
  });
});

// Deliberately faulty layers: the harness must catch each fault.
class LeakyLayer extends Layer {
  static override className = 'TestLeakyLayer';
  call(inputs: Tensor | Tensor[], _o: Required<CallOptions>): Tensor {
    const x = inputs as Tensor;
    mul(x, 2); // never disposed
    return x.clone();
  }
}
registerLayer(LeakyLayer);

class ForgetfulLayer extends Layer {
  static override className = 'TestForgetfulLayer';
  readonly factor: number;
  constructor(args: LayerArgs & { factor?: number } = {}) {
    super(args);
    this.factor = args.factor ?? 1;
  }
  call(inputs: Tensor | Tensor[], _o: Required<CallOptions>): Tensor {
    return tidy(() => mul(inputs as Tensor, this.factor));
  }
  // getConfig leaves `factor` out, so fromConfig rebuilds a different layer.
}
registerLayer(ForgetfulLayer);

class WrongShapeLayer extends Layer {
  static override className = 'TestWrongShapeLayer';
  call(inputs: Tensor | Tensor[], _o: Required<CallOptions>): Tensor {
    return (inputs as Tensor).clone();
  }
  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return [...(inputShape as LayerShape), 1];
  }
}
registerLayer(WrongShapeLayer);

class UnregisteredLayer extends Layer {
  static override className = 'TestUnregisteredLayer';
  call(inputs: Tensor | Tensor[], _o: Required<CallOptions>): Tensor {
    return (inputs as Tensor).clone();
  }
  override getConfig(): LayerConfig {
    return super.getConfig();
  }
}

describe('the layer harness catches faulty layers', () => {
  const base = { inputShape: [2, 3], expectedNumTrainableWeights: 0, expectedNumNonTrainableWeights: 0 };
  it('a wrong expected shape or weight count', () => {
    expect(() => runLayerTest({ ...base, layer: () => new Dense({ units: 4 }), expectedOutputShape: [2, 5] })).toThrow(/output shape/);
    expect(() => runLayerTest({ ...base, layer: () => new Dense({ units: 4 }), expectedOutputShape: [2, 4] })).toThrow(/trainable weights/);
    expect(() =>
      runLayerTest({ ...base, layer: () => new Dense({ units: 4, kernelRegularizer: 'l2' }), expectedOutputShape: [2, 4], expectedNumTrainableWeights: 2, expectedNumLosses: 0 }),
    ).toThrow(/losses/);
  });
  it('a leak, a config that does not round-trip, a wrong computeOutputShape, an unregistered class', () => {
    expect(() => runLayerTest({ ...base, layer: () => new LeakyLayer(), expectedOutputShape: [2, 3] })).toThrow(/tensors left/);
    expect(() => runLayerTest({ ...base, layer: () => new ForgetfulLayer({ factor: 3 }), expectedOutputShape: [2, 3] })).toThrow(/clone output differs/);
    expect(() => runLayerTest({ ...base, layer: () => new WrongShapeLayer(), expectedOutputShape: [2, 3] })).toThrow(/computeOutputShape/);
    expect(() => runLayerTest({ ...base, layer: () => new UnregisteredLayer(), expectedOutputShape: [2, 3] })).toThrow(/registered/);
  });
  it('passes a correct layer', () => {
    runLayerTest({ ...base, layer: () => new ForgetfulLayer(), expectedOutputShape: [2, 3] });
  });
});
