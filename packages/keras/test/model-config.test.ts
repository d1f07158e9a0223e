import { describe, expect, it } from 'vitest';
import { Input, Model, Sequential, layers, regularizers, tensor, type SymbolicTensor, type Tensor } from '../src/index.js';

// Models own their config: getConfig() is camelCase and goes through the layer registry, and
// fromConfig(getConfig()) rebuilds the same graph (fresh weights), with no file format involved.

/** Copies the weights of `from` into `to`, layer by layer (same structure), so predictions can be compared. */
function copyWeights(from: Model, to: Model): void {
  const a = from.weights;
  const b = to.weights;
  expect(b.map((w) => w.shape)).toEqual(a.map((w) => w.shape));
  a.forEach((w, i) => b[i].variable.assign(w.read()));
}

const predict = (m: Model, x: Tensor | Tensor[]) => {
  const out = m.predict(x);
  return (Array.isArray(out) ? out : [out]).map((t) => Array.from(t.dataSync()));
};

describe('Model.getConfig / fromConfig', () => {
  it('round-trips a branching functional model: two inputs, a shared layer, a merge, two outputs', () => {
    const a = Input({ shape: [4], name: 'a' });
    const b = Input({ shape: [4], name: 'b' });
    const shared = layers.dense({ units: 3, activation: 'relu', name: 'shared', kernelRegularizer: regularizers.l2({ l2: 0.01 }) });
    const joined = layers.concatenate({ name: 'join' }).apply([shared.apply(a), shared.apply(b)]) as SymbolicTensor;
    const score = layers.dense({ units: 1, name: 'score' }).apply(layers.dropout({ rate: 0.5, seed: 3, name: 'drop' }).apply(joined));
    const kind = layers.dense({ units: 2, activation: 'softmax', name: 'kind' }).apply(joined);
    const model = new Model({ inputs: [a, b], outputs: [score, kind], name: 'two_by_two' });

    const config = model.getConfig();
    expect(config.name).toBe('two_by_two');
    expect((config.layers as { className: string; name: string }[]).map((l) => `${l.className}:${l.name}`)).toEqual([
      'InputLayer:a', 'InputLayer:b', 'Dense:shared', 'Concatenate:join', 'Dropout:drop', 'Dense:score', 'Dense:kind',
    ]);
    const sharedEntry = (config.layers as { name: string; inboundNodes: unknown[] }[]).find((l) => l.name === 'shared')!;
    expect(sharedEntry.inboundNodes).toEqual([{ inputs: [['a', 0, 0]], asList: false }, { inputs: [['b', 0, 0]], asList: false }]);
    expect(config.inputLayers).toEqual([['a', 0, 0], ['b', 0, 0]]);
    expect(config.outputLayers).toEqual([['score', 0, 0], ['kind', 0, 0]]);
    // plain data: it survives JSON
    const copy = Model.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(copy).toBeInstanceOf(Model);
    expect(copy.getConfig()).toEqual(config);
    expect(copy.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(copy.losses).toHaveLength(1); // the L2 penalty came back with the shared layer
    copyWeights(model, copy);
    const x = [tensor([1, 2, 3, 4, 0, 1, 0, 1], [2, 4]), tensor([4, 3, 2, 1, 1, 1, 1, 1], [2, 4])];
    expect(predict(copy, x)).toEqual(predict(model, x));
  });

  it('round-trips a model nested in a model, and a Sequential in a Sequential', () => {
    const innerIn = Input({ shape: [3] });
    const inner = new Model({ inputs: innerIn, outputs: layers.dense({ units: 2, name: 'inner_dense' }).apply(innerIn), name: 'inner' });
    const x = Input({ shape: [3] });
    const outer = new Model({ inputs: x, outputs: layers.dense({ units: 1, name: 'head' }).apply(inner.apply(x) as SymbolicTensor), name: 'outer' });
    const copy = Model.fromConfig(outer.getConfig());
    expect(copy.getConfig()).toEqual(outer.getConfig());
    copyWeights(outer, copy);
    const data = tensor([1, 2, 3], [1, 3]);
    expect(predict(copy, data)).toEqual(predict(outer, data));

    const seq = new Sequential({ layers: [Input({ shape: [3] }), new Sequential({ layers: [layers.dense({ units: 4 })], name: 'block' }), layers.dense({ units: 1 })] });
    const seqCopy = Sequential.fromConfig(seq.getConfig());
    expect(seqCopy.getConfig()).toEqual(seq.getConfig());
    copyWeights(seq, seqCopy);
    expect(predict(seqCopy, data)).toEqual(predict(seq, data));
  });

  it('a config that does not describe a graph is a clear error', () => {
    expect(() => Model.fromConfig({ name: 'm' })).toThrow('Model.fromConfig: config.layers must be an array. Received: undefined');
    const a = Input({ shape: [2], name: 'in' });
    const good = new Model({ inputs: a, outputs: layers.dense({ units: 1, name: 'd' }).apply(a) }).getConfig();
    const broken = { ...good, layers: (good.layers as { name: string; inboundNodes: unknown }[]).map((l) => (l.name === 'd' ? { ...l, inboundNodes: [{ inputs: [['nowhere', 0, 0]], asList: false }] } : l)) };
    expect(() => Model.fromConfig(broken)).toThrow("Model.fromConfig: a call of 'd' refers to layer 'nowhere', which the config does not list");
  });
});
