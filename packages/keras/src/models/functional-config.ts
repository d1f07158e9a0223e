// A functional model's own config, in camelCase: its layers (each serialized through the layer registry,
// with the calls made in this model) and its input and output tensors, so that
// `Model.fromConfig(model.getConfig())` rebuilds the same graph. The file formats convert this shape's
// names and layouts; they do not need to know the graph.
import { NeuriteError, describeValue } from '@neurite/tensor';
import { Input, InputLayer, deserializeLayer, serializeLayer, type Layer, type LayerConfig, type LayerNode, type SymbolicTensor } from '@neurite/layers';

/** A tensor of the graph: the producing layer's name, which of its calls in this model, which output. */
export type TensorReference = [layerName: string, nodeIndex: number, tensorIndex: number];

/** One call of a layer: its input tensors, whether they were passed as a list, and a fixed `training`. */
export interface NodeConfig {
  inputs: TensorReference[];
  asList: boolean;
  training?: boolean;
}

export interface FunctionalLayerConfig {
  className: string;
  config: LayerConfig;
  name: string;
  inboundNodes: NodeConfig[];
}

export interface FunctionalConfig {
  name: string;
  trainable: boolean;
  layers: FunctionalLayerConfig[];
  inputLayers: TensorReference[];
  outputLayers: TensorReference[];
}

/** The graph that `model` (its layers and the nodes of each in it) describes. */
export interface GraphView {
  name: string;
  trainable: boolean;
  layers: Layer[];
  inputs: SymbolicTensor[];
  outputs: SymbolicTensor[];
  nodesOf(layer: Layer): LayerNode[];
}

export function functionalConfig(model: GraphView): FunctionalConfig {
  const reference = (t: SymbolicTensor): TensorReference => [t.node.layer.name, model.nodesOf(t.node.layer).indexOf(t.node), t.outputIndex];
  const layers = model.layers.map((layer) => ({
    ...serializeLayer(layer),
    name: layer.name,
    inboundNodes:
      layer instanceof InputLayer
        ? []
        : model.nodesOf(layer).map((node) => ({
            inputs: node.inputs.map(reference),
            asList: node.inputsAsList,
            ...(node.training === undefined ? {} : { training: node.training }),
          })),
  }));
  return { name: model.name, trainable: model.trainable, layers, inputLayers: model.inputs.map(reference), outputLayers: model.outputs.map(reference) };
}

function configError(what: string, received: unknown): NeuriteError {
  return new NeuriteError(`Model.fromConfig: ${what}. Received: ${describeValue(received)}`);
}

function checkConfig(config: unknown): FunctionalConfig {
  const c = config as Partial<FunctionalConfig> | null;
  if (c === null || typeof c !== 'object') throw configError('config must be an object from Model.getConfig()', config);
  for (const key of ['layers', 'inputLayers', 'outputLayers'] as const) {
    if (!Array.isArray(c[key])) throw configError(`config.${key} must be an array`, c[key]);
  }
  return c as FunctionalConfig;
}

/**
 * Rebuilds the layers (fresh weights) and replays their calls in an order where every call's inputs
 * exist, as Keras does: passes over the layers until no call is left, or none can run (a bad config).
 */
export function functionalGraphFromConfig(configIn: unknown): { name: string; trainable: boolean; inputs: SymbolicTensor[]; outputs: SymbolicTensor[] } {
  const config = checkConfig(configIn);
  const byName = new Map<string, Layer>();
  const outputsOf = new Map<string, SymbolicTensor[][]>(); // layer name -> per call, its outputs
  const pending: { layer: Layer; node: NodeConfig; index: number }[] = [];
  for (const spec of config.layers) {
    if (byName.has(spec?.name)) throw configError(`two layers are named '${spec.name}'`, spec.name);
    if (spec?.className === 'InputLayer') {
      // an InputLayer comes with its tensor, as Input() makes it
      const c = spec.config ?? {};
      const input = Input({ batchShape: c.batchInputShape as never, dtype: c.dtype as never, name: spec.name });
      byName.set(spec.name, input.node.layer);
      outputsOf.set(spec.name, [[input]]);
      continue;
    }
    const layer = deserializeLayer({ className: spec?.className, config: { ...spec?.config, name: spec?.name } });
    byName.set(spec.name, layer);
    {
      outputsOf.set(spec.name, []);
      (spec.inboundNodes ?? []).forEach((node, index) => pending.push({ layer, node, index }));
    }
  }
  const resolve = ([name, nodeIndex, tensorIndex]: TensorReference): SymbolicTensor | undefined => outputsOf.get(name)?.[nodeIndex]?.[tensorIndex];
  while (pending.length > 0) {
    // a call runs once its inputs exist and the layer's earlier calls have run (node indices stay in order)
    const ready = pending.findIndex(({ layer, node, index }) => outputsOf.get(layer.name)!.length === index && node.inputs.every((r) => resolve(r) !== undefined));
    if (ready < 0) throw configError(`the calls of ${pending.map((p) => `'${p.layer.name}'`).join(', ')} refer to tensors no layer makes`, pending[0].node.inputs);
    const [{ layer, node }] = pending.splice(ready, 1);
    const inputs = node.inputs.map((r) => resolve(r) as SymbolicTensor);
    const options = node.training === undefined ? undefined : { training: node.training };
    const out = node.asList ? layer.apply(inputs as never, options) : layer.apply(inputs[0], options);
    outputsOf.get(layer.name)!.push(Array.isArray(out) ? (out as SymbolicTensor[]) : [out as SymbolicTensor]);
  }
  const endpoint = (r: TensorReference, key: string): SymbolicTensor => {
    const t = Array.isArray(r) ? resolve(r) : undefined;
    if (!t) throw configError(`${key} refers to a tensor no layer makes`, r);
    return t;
  };
  return {
    name: config.name,
    trainable: config.trainable !== false,
    inputs: config.inputLayers.map((r, i) => endpoint(r, `inputLayers[${i}]`)),
    outputs: config.outputLayers.map((r, i) => endpoint(r, `outputLayers[${i}]`)),
  };
}
