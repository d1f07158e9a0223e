import '@neurite/backend-cpu';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setBackend, tensor, type Tensor } from '@neurite/tensor';
import { Dense, Initializer, Layer, registerActivation, type CallOptions } from '@neurite/layers';
import { ones, relu } from '@neurite/tensor';
import { Model, Sequential } from '../src/models/index.js';
import { layerFromKerasJSON, modelFromKerasJSON, modelToKerasJSON } from '../src/saving/config/index.js';
import { AddTwo } from './model-helpers.js';
import { plain } from './saving-config-helpers.js';

/** A Keras 3 layer entry as Keras writes it. */
function k3(className: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { module: 'keras.layers', class_name: className, config, registered_name: null, ...extra };
}

const glorot = { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null };
const zeros = { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null };
const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };

function keras3Sequential(layers: unknown[], input: (number | null)[] = [null, 4]) {
  return {
    module: 'keras',
    class_name: 'Sequential',
    config: { name: 'seq', trainable: true, dtype: policy, layers: [k3('InputLayer', { batch_shape: input, dtype: 'float32', sparse: false, name: 'input_layer' }), ...layers] },
    registered_name: null,
  };
}

function denseConfig(extra: Record<string, unknown> = {}) {
  return {
    name: 'dense', trainable: true, dtype: policy, units: 3, activation: 'relu', use_bias: true, kernel_initializer: glorot,
    bias_initializer: zeros, kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null, ...extra,
  };
}

describe('reading the value forms Keras writes', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });
  afterEach(() => vi.restoreAllMocks());

  it('converts snake_case keys, data formats, tuples given as ints, and nested objects', () => {
    const conv = layerFromKerasJSON({
      class_name: 'Conv2D',
      config: {
        name: 'c', filters: 4, kernel_size: 3, strides: 2, padding: 'same', data_format: 'channels_first', dilation_rate: 1,
        activation: 'swish', use_bias: false,
        kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_out', distribution: 'normal', seed: 5 } },
        kernel_regularizer: { class_name: 'L1L2', config: { l1: 0.01, l2: 0.001 } },
        kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 1.5, axis: [0, 1, 2] } },
      },
    });
    expect(plain(conv.getConfig())).toMatchObject({
      name: 'c', filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same', dataFormat: 'channelsFirst', dilationRate: [1, 1],
      activation: 'silu', useBias: false,
      // Keras 2 and TensorFlow.js's 'normal' is Keras 3's 'truncated_normal'.
      kernelInitializer: { className: 'VarianceScaling', config: { scale: 2, mode: 'fan_out', distribution: 'truncated_normal', seed: 5 } },
      kernelRegularizer: { className: 'L1L2', config: { l1: 0.01, l2: 0.001 } },
      kernelConstraint: { className: 'MaxNorm', config: { maxValue: 1.5, axis: [0, 1, 2] } },
    });
  });

  it("reads both dtype forms: Keras 3.10's policy objects (with shared_object_id) and Keras 3.1's strings", () => {
    const shared = { ...policy, shared_object_id: 1234 };
    const a = layerFromKerasJSON(k3('Dense', denseConfig({ dtype: shared })));
    const b = layerFromKerasJSON(k3('Dense', denseConfig({ dtype: 'float32' })));
    expect(a.dtype).toBe('float32');
    expect(plain(a.getConfig())).toEqual(plain(b.getConfig()));
    // InputLayer writes a plain string even in Keras 3.10, and may be int32.
    const json = keras3Sequential([k3('Dense', denseConfig())]);
    (json.config.layers[0] as { config: Record<string, unknown> }).config.dtype = 'int32';
    expect(modelFromKerasJSON(json).inputs[0].dtype).toBe('int32');
  });

  it('reads mixed-precision policies as float32 with a warning, and refuses quantized ones', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const layer = layerFromKerasJSON(k3('Dense', denseConfig({ dtype: { class_name: 'Policy', config: { name: 'mixed_float16' } } })), { source: 'mixed.json' });
    expect(layer.dtype).toBe('float32');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/mixed\.json: dtype 'mixed_float16' is read as float32/));
    expect(() => layerFromKerasJSON(k3('Dense', denseConfig({ dtype: { class_name: 'QuantizedDTypePolicy', config: { name: 'int8_from_float32' } } })))).toThrow(
      /layer 'dense' \(Dense\): dtype policy "QuantizedDTypePolicy" is not supported/,
    );
  });

  it("reads tf.keras's one-element axis list and TensorFlow.js's LeCunNormal spelling", () => {
    const bn = layerFromKerasJSON({ class_name: 'BatchNormalization', config: { name: 'bn', axis: [3], momentum: 0.9, fused: true, renorm: false, renorm_clipping: null, renorm_momentum: 0.99, virtual_batch_size: null, adjustment: null } });
    expect(bn.getConfig()).toMatchObject({ axis: 3, momentum: 0.9 });
    const dense = layerFromKerasJSON({ class_name: 'Dense', config: { units: 2, kernel_initializer: { class_name: 'LeCunNormal', config: { seed: 3 } } } });
    expect(dense.getConfig().kernelInitializer).toEqual({ className: 'LecunNormal', config: { seed: 3 } });
  });

  it('ignores the listed keys at their neutral values and refuses them where they change the computation', () => {
    const ok = layerFromKerasJSON(k3('Dense', denseConfig({ lora_rank: null, lora_alpha: 8, quantization_config: null })));
    expect(ok.getConfig().units).toBe(3);
    expect(() => layerFromKerasJSON(k3('Dense', denseConfig({ lora_rank: 4 })), { source: 'lora.keras' })).toThrow(
      /^lora\.keras: layer 'dense' \(Dense\): config key 'lora_rank' = 4 is not supported \(LoRA adapters/,
    );
    expect(() => layerFromKerasJSON({ class_name: 'BatchNormalization', config: { renorm: true } })).toThrow(/'renorm' = true is not supported/);
    expect(() => layerFromKerasJSON({ class_name: 'LayerNormalization', config: { rms_scaling: true } })).toThrow(/'rms_scaling'/);
    expect(() => layerFromKerasJSON({ class_name: 'InputLayer', config: { batch_shape: [null, 2], sparse: true } })).toThrow(/'sparse' = true/);
  });

  it('warns once about a key it does not know at a neutral value, and builds the layer; refuses it at any other value', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (let i = 0; i < 3; i++) layerFromKerasJSON(k3('Dense', denseConfig({ future_option: null })), { source: 'future.keras' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/future\.keras: Dense config key 'future_option' \(= null\) is unknown to Neurite and was ignored/);
    expect(() => layerFromKerasJSON(k3('Dense', denseConfig({ future_option: 'x' })), { source: 'future.keras' })).toThrow(
      /^future\.keras: layer 'dense' \(Dense\): Dense config key 'future_option' = "x" is unknown to Neurite, and a value other than null may change what the Dense computes/,
    );
  });

  it('names the class and the file for an unknown layer class, and uses customObjects for it', () => {
    const json = keras3Sequential([k3('AddOne', { name: 'add_one' }, { module: 'my_package', registered_name: 'my_package>AddOne' })]);
    expect(() => modelFromKerasJSON(json, { source: 'custom.keras' })).toThrow(
      /^custom\.keras: layer 'add_one' \(AddOne\): unknown layer class 'AddOne'; pass its Neurite class in customObjects\['AddOne'\]$/,
    );
    class AddOne extends Layer {
      static override className = 'AddOne';
      call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
        return (inputs as Tensor).add(1);
      }
    }
    const model = modelFromKerasJSON(json, { source: 'custom.keras', customObjects: { AddOne } });
    expect(model.layers[0]).toBeInstanceOf(AddOne);
    expect(model.layers[0].name).toBe('add_one');
    const y = model.predict(ones([1, 4])) as Tensor;
    expect(Array.from(y.dataSync())).toEqual([2, 2, 2, 2]);
    // Keras 3 looks custom classes up by registered_name first.
    expect(modelFromKerasJSON(json, { customObjects: { 'my_package>AddOne': AddOne } }).layers[0]).toBeInstanceOf(AddOne);
  });

  it('uses customObjects for initializers and activation functions too, and names unknown ones', () => {
    class Halves extends Initializer {
      static override className = 'Halves';
      apply(shape: number[]): Tensor {
        return ones(shape).mul(0.5);
      }
    }
    const spec = k3('Dense', denseConfig({ kernel_initializer: { module: 'mine', class_name: 'Halves', config: {}, registered_name: 'Halves' } }));
    expect(() => layerFromKerasJSON(spec, { source: 'init.keras' })).toThrow(
      /^init\.keras: layer 'dense' \(Dense\): kernel_initializer: unknown initializer class 'Halves'; pass it in customObjects$/,
    );
    const dense = layerFromKerasJSON(spec, { customObjects: { Halves } }) as Dense;
    expect(dense.kernelInitializer).toBeInstanceOf(Halves);
    const shifted = (x: Tensor) => relu(x.sub(1));
    const fnSpec = k3('Dense', denseConfig({ activation: { module: 'builtins', class_name: 'function', config: 'shifted_relu', registered_name: 'function' } }));
    expect(() => layerFromKerasJSON(fnSpec)).toThrow(/unknown activation 'shifted_relu'/);
    registerActivation('shifted_relu', shifted);
    expect(layerFromKerasJSON(fnSpec).getConfig().activation).toBe('shifted_relu');
  });

  it('refuses Lambda layers and never evaluates code from the file', () => {
    const lambda = k3('Lambda', { name: 'lam', function: { class_name: '__lambda__', config: { code: '4wEAAAAAAAAA', defaults: null, closure: null } } });
    const json = keras3Sequential([lambda]);
    expect(() => modelFromKerasJSON(json, { source: 'lambda.keras' })).toThrow(
      /^lambda\.keras: layer 'lam' \(Lambda\): Lambda layers hold Python code, which Neurite never runs \(safeMode\)/,
    );
    expect(() => modelFromKerasJSON(json, { safeMode: false })).toThrow(/Lambda layers hold Python code, which Neurite cannot run/);
    // A lambda activation is refused the same way.
    expect(() => layerFromKerasJSON(k3('Dense', denseConfig({ activation: { class_name: '__lambda__', config: {} } })))).toThrow(/Python lambda; Neurite never runs code/);
    // The caller's own class for it is trusted code.
    class Doubler extends Layer {
      static override className = 'Lambda';
      call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
        return (inputs as Tensor).mul(2);
      }
    }
    expect(modelFromKerasJSON(json, { customObjects: { Lambda: Doubler } }).layers[0]).toBeInstanceOf(Doubler);
  });

  it("reads Keras 2's hard_sigmoid as legacy_hard_sigmoid (slope 0.2), which Keras 3 files cannot hold", () => {
    const legacy = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Activation', config: { name: 'a', activation: 'hard_sigmoid', batch_input_shape: [null, 2] } }] }, keras_version: '2.15.0' };
    const model = modelFromKerasJSON(legacy, { source: 'old.h5' });
    expect(model.layers[0].getConfig().activation).toBe('legacy_hard_sigmoid');
    const y = model.predict(tensor([[-1, 1]])) as Tensor;
    expect(Array.from(y.dataSync())).toEqual([Math.fround(0.3), Math.fround(0.7)]);
    expect(modelToKerasJSON(model, { flavor: 'tfjs' }).config).toMatchObject({ layers: [{ config: { activation: 'hard_sigmoid' } }] });
    expect(() => modelToKerasJSON(model)).toThrow(/legacy_hard_sigmoid \(Keras 2's hard_sigmoid, slope 0\.2\) has no Keras 3 name/);
    y.dispose();
    model.dispose();
  });

  it('unwraps JSON strings, model_config (tf.keras HDF5) and modelTopology (TensorFlow.js model.json)', () => {
    const inner = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3] } }] } };
    const a = modelFromKerasJSON(JSON.stringify(inner));
    const b = modelFromKerasJSON({ model_config: JSON.stringify(inner), keras_version: '2.15.0', backend: 'tensorflow' });
    const c = modelFromKerasJSON({ format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers v4.22.0', modelTopology: { ...inner, keras_version: 'tfjs-layers 4.22.0' }, weightsManifest: [] });
    const d = modelFromKerasJSON({ modelTopology: { keras_version: '2.15.0', backend: 'tensorflow', model_config: inner } });
    for (const m of [a, b, c, d]) {
      expect(m).toBeInstanceOf(Sequential);
      expect(m.countParams()).toBe(8);
      expect(plain(m.layers[0].getConfig())).toEqual(plain(a.layers[0].getConfig()));
    }
    // Keras 1 wrote a Sequential's config as the bare layer list.
    expect(modelFromKerasJSON({ class_name: 'Sequential', config: inner.config.layers }).countParams()).toBe(8);
    expect(() => modelFromKerasJSON('{ not json', { source: 'broken.json' })).toThrow(/^broken\.json: not valid JSON/);
    expect(() => modelFromKerasJSON({ layers: [] }, { source: 'x.json' })).toThrow(/^x\.json: expected a Keras model/);
  });

  it('reports broken graphs with the file and the layer, and builds no model', () => {
    const input = k3('InputLayer', { batch_shape: [null, 2], dtype: 'float32', name: 'in' }, { name: 'in', inbound_nodes: [] });
    const ref = (name: string, node = 0) => ({ class_name: '__keras_tensor__', config: { shape: [null, 2], dtype: 'float32', keras_history: [name, node, 0] } });
    const dense = (name: string, from: string, node = 0) =>
      k3('Dense', { name, units: 2 }, { name, inbound_nodes: [{ args: [ref(from, node)], kwargs: {} }] });
    const functional = (layers: unknown[]) => ({
      module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional',
      config: { name: 'f', trainable: true, layers, input_layers: ['in', 0, 0], output_layers: ['d', 0, 0] },
    });
    expect(() => modelFromKerasJSON(functional([input, dense('d', 'ghost')]), { source: 'g.keras' })).toThrow(
      /^g\.keras: layer 'd' \(Dense\): an input refers to layer 'ghost', which the file does not list$/,
    );
    expect(() => modelFromKerasJSON(functional([input, dense('d', 'in', 3)]), { source: 'g.keras' })).toThrow(
      /^g\.keras: layer 'd' \(Dense\): call 0 needs \['in', 3, 0\], which no call in the file makes$/,
    );
    expect(() => modelFromKerasJSON(functional([input, k3('Dense', { name: 'd', units: 2 }, { name: 'd', inbound_nodes: [{ args: [ref('in')], kwargs: { mask: [true] } }] })]))).toThrow(
      /call argument mask=\[true\] is not supported/,
    );
    // Shapes that do not fit: the error names the layer and the shapes; the layers made so far are freed.
    const disposed = vi.spyOn(Dense.prototype, 'dispose');
    const conv = k3('Conv2D', { name: 'd', filters: 1, kernel_size: 3 }, { name: 'd', inbound_nodes: [{ args: [ref('e')], kwargs: {} }] });
    const first = k3('Dense', { name: 'e', units: 2 }, { name: 'e', inbound_nodes: [{ args: [ref('in')], kwargs: {} }] });
    expect(() => modelFromKerasJSON(functional([input, first, conv]), { source: 'g.keras' })).toThrow(/^g\.keras: layer 'd' \(Conv2D\): .*rank 4.*\[null, ?2\]/);
    expect(disposed).toHaveBeenCalledTimes(1);
  });

  it('reads a functional model whose calls come out of order, replaying them once their inputs exist', () => {
    // 'b' is listed before the layer it consumes (Keras orders by depth; shared layers can interleave).
    const ref = (name: string, node = 0) => ({ class_name: '__keras_tensor__', config: { shape: [null, 2], dtype: 'float32', keras_history: [name, node, 0] } });
    const json = {
      module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional',
      config: {
        name: 'f', trainable: true,
        layers: [
          k3('InputLayer', { batch_shape: [null, 2], dtype: 'float32', name: 'in' }, { name: 'in', inbound_nodes: [] }),
          k3('Dense', { name: 'b', units: 2 }, { name: 'b', inbound_nodes: [{ args: [ref('a')], kwargs: {} }] }),
          k3('Dense', { name: 'a', units: 2 }, { name: 'a', inbound_nodes: [{ args: [ref('in')], kwargs: {} }, { args: [ref('b')], kwargs: {} }] }),
          k3('Dropout', { name: 'drop', rate: 0.5 }, { name: 'drop', inbound_nodes: [{ args: [ref('a', 1)], kwargs: { training: true } }] }),
        ],
        input_layers: [['in', 0, 0]],
        output_layers: [['drop', 0, 0], ['a', 1, 0]],
      },
    };
    const model = modelFromKerasJSON(json);
    expect(model).toBeInstanceOf(Model);
    expect(model.outputs.length).toBe(2);
    expect(model.nodesOf(model.getLayer('a')).length).toBe(2);
    expect(model.nodesOf(model.getLayer('drop'))[0].training).toBe(true);
    expect(model.countParams()).toBe(12);
  });

  it('rebuilds a two-input layer from customObjects from both node forms', () => {
    const keras2 = {
      class_name: 'Functional',
      config: {
        name: 'm',
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 2], dtype: 'float32', sparse: false, ragged: false, name: 'x' }, name: 'x', inbound_nodes: [] },
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 2], dtype: 'float32', sparse: false, ragged: false, name: 'y' }, name: 'y', inbound_nodes: [] },
          { class_name: 'AddTwo', config: { name: 'add', trainable: true, dtype: 'float32' }, name: 'add', inbound_nodes: [[['x', 0, 0, {}], ['y', 0, 0, {}]]] },
        ],
        input_layers: [['x', 0, 0], ['y', 0, 0]],
        output_layers: [['add', 0, 0]],
      },
      keras_version: '2.15.0',
    };
    const model = modelFromKerasJSON(keras2, { customObjects: { AddTwo } });
    const y = model.predict([ones([1, 2]), ones([1, 2]).mul(2)]) as Tensor;
    expect(Array.from(y.dataSync())).toEqual([3, 3]);
    expect(model.nodesOf(model.getLayer('add'))[0].inputsAsList).toBe(true);
  });
});
