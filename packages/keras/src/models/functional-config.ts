// A functional model's own config, in camelCase: its layers (each serialized through the layer registry,
// with the calls made in this model) and its input and output tensors, so that
// `Model.fromConfig(model.getConfig())` rebuilds the same graph. The file formats convert this shape's
// names and layouts; they do not need to know the graph.
import { NeuriteError, describeValue } from '@neurite/tensor';
import { Input, InputLayer, deserializeLayer, serializeLayer, type Layer, type LayerConfig, type LayerNode, type SymbolicTensor } from '@neurite/layers';
import { refName, replayCalls, tensorAt, type CallSpec, type GraphEntry, type TensorRef } from './replay-calls.js';

/** A tensor of the graph: the producing layer's name, which of its calls in this model, which output. */
export type TensorReference = [layerName: string, nodeIndex: number, tensorIndex: number];

/** One call of a layer: its input tensors, whether they were passed as a list, and a fixed `training`. */
export interface NodeConfig {
  inputs: TensorReference[];
  asList: boolean;
  training?: boolean;
  /** The layer's own call options given with the call (MultiHeadAttention's useCausalMask). */
  callArgs?: Record<string, unknown>;
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

/** A functional graph without its layers' configs: each layer's calls, and the input and output tensors. */
export interface GraphStructure {
  layers: { layer: Layer; name: string; inboundNodes: NodeConfig[] }[];
  inputLayers: TensorReference[];
  outputLayers: TensorReference[];
  /** The calls of each layer made in this model, in the order they were made (node index order). */
  calls: Map<Layer, LayerNode[]>;
}

/**
 * The graph of `model` as references. Node indices count only the calls made in this model, in the
 * order they were made, as Keras counts them (a layer shared with another model has calls there too).
 */
export function graphStructure(model: GraphView): GraphStructure {
  const inGraph = new Set(model.layers.flatMap((l) => model.nodesOf(l)));
  const calls = new Map(model.layers.map((l) => [l, l.inboundNodes.filter((n) => inGraph.has(n))]));
  const reference = (t: SymbolicTensor): TensorReference => [t.node.layer.name, (calls.get(t.node.layer) ?? []).indexOf(t.node), t.outputIndex];
  const layers = model.layers.map((layer) => ({
    layer,
    name: layer.name,
    inboundNodes:
      layer instanceof InputLayer
        ? []
        : (calls.get(layer) as LayerNode[]).map((node) => ({
            inputs: node.inputs.map(reference),
            asList: node.inputsAsList,
            ...(node.training === undefined ? {} : { training: node.training }),
            ...(Object.keys(node.callArgs).length === 0 ? {} : { callArgs: { ...node.callArgs } }),
          })),
  }));
  return { layers, inputLayers: model.inputs.map(reference), outputLayers: model.outputs.map(reference), calls };
}

export function functionalConfig(model: GraphView): FunctionalConfig {
  const graph = graphStructure(model);
  const layers = graph.layers.map(({ layer, name, inboundNodes }) => ({ ...serializeLayer(layer), name, inboundNodes }));
  return { name: model.name, trainable: model.trainable, layers, inputLayers: graph.inputLayers, outputLayers: graph.outputLayers };
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
 * exist, as Keras does (and as the file readers do, through the same `replayCalls`).
 */
export function functionalGraphFromConfig(configIn: unknown): { name: string; trainable: boolean; inputs: SymbolicTensor[]; outputs: SymbolicTensor[] } {
  const config = checkConfig(configIn);
  const entries = new Map<string, GraphEntry>();
  const toRef = ([layer, nodeIndex, tensorIndex]: TensorReference): TensorRef => ({ layer, nodeIndex, tensorIndex });
  const created: Layer[] = [];
  try {
    for (const spec of config.layers) {
      if (entries.has(spec?.name)) throw configError(`two layers are named '${spec.name}'`, spec.name);
      if (spec?.className === 'InputLayer') {
        // an InputLayer comes with its tensor, as Input() makes it
        const c = spec.config ?? {};
        const input = Input({ batchShape: c.batchInputShape as never, dtype: c.dtype as never, name: spec.name });
        created.push(input.node.layer);
        entries.set(spec.name, { name: spec.name, layer: input.node.layer, made: [[input]], pending: [] });
        continue;
      }
      const layer = deserializeLayer({ className: spec?.className, config: { ...spec?.config, name: spec?.name } });
      created.push(layer);
      const pending: CallSpec[] = (spec.inboundNodes ?? []).map((n) => ({ inputs: n.inputs.map(toRef), asList: n.asList, training: n.training, callArgs: n.callArgs }));
      entries.set(spec.name, { name: spec.name, layer, made: [], pending });
    }
    replayCalls(entries, {
      unknownLayer: (entry, ref) => configError(`a call of '${entry.name}' refers to layer '${ref.layer}', which the config does not list`, ref),
      noSuchOutput: (entry, ref, n) => configError(`a call of '${entry.name}' refers to ${refName(ref)}, but that call has ${n} output(s)`, ref),
      neverMade: (entry, ref) => configError(`call ${entry.made.length} of '${entry.name}' needs ${refName(ref)}, which no call makes`, ref),
      call: (_entry, run) => run(),
    });
    const endpoint = (r: TensorReference, key: string): SymbolicTensor => {
      const t = Array.isArray(r) ? tensorAt(entries, toRef(r)) : undefined;
      if (!t) throw configError(`${key} refers to a tensor no layer makes`, r);
      return t;
    };
    return {
      name: config.name,
      trainable: config.trainable !== false,
      inputs: config.inputLayers.map((r, i) => endpoint(r, `inputLayers[${i}]`)),
      outputs: config.outputLayers.map((r, i) => endpoint(r, `outputLayers[${i}]`)),
    };
  } catch (error) {
    for (const layer of created) layer.dispose();
    throw error;
  }
}
