// Writes a functional model as Keras JSON from the model's own config (Model.getConfig: its layers in
// graph order, each with the calls made in this model, and its input and output tensors).
import { NeuriteError } from '@neurite/tensor';
import type { LayerNode } from '@neurite/layers';
import { graphStructure, type NodeConfig, type TensorReference } from '../../models/functional-config.js';
import type { Model } from '../../models/model.js';
import type { KerasObjectJSON } from '../contract.js';
import type { KerasFlavor } from './flavor.js';
import { layerToKerasJSON } from './layer-json.js';

/** Neurite's call options in Keras's spelling. */
const CALL_ARG_KEYS: Record<string, string> = { useCausalMask: 'use_causal_mask' };

export function writeFunctional(model: Model, flavor: KerasFlavor): KerasObjectJSON {
  const layers = model.layers;
  if (layers.length === 0) throw new NeuriteError(`${model.name}: a model without a graph cannot be saved`);
  // The graph comes from the model's own config (Model.getConfig's structure, without the layers' camelCase
  // configs, which this writer converts itself); it only converts names and layouts.
  const graph = graphStructure(model);
  const byName = new Map(graph.layers.map((entry) => [entry.name, entry.layer]));
  /** A Keras 3 tensor: its reference, with the shape and dtype of the tensor it names. */
  const kerasTensor = ([name, nodeIndex, tensorIndex]: TensorReference) => {
    const t = (graph.calls.get(byName.get(name)!) as LayerNode[])[nodeIndex].outputs[tensorIndex];
    return { class_name: '__keras_tensor__', config: { shape: [...t.shape], dtype: t.dtype, keras_history: [name, nodeIndex, tensorIndex] } };
  };
  const writeNode = (node: NodeConfig): unknown => {
    const kwargs: Record<string, unknown> = node.training === undefined ? {} : { training: node.training };
    for (const [key, value] of Object.entries(node.callArgs ?? {})) kwargs[CALL_ARG_KEYS[key] ?? key] = value;
    if (flavor === 'tfjs') return node.inputs.map((ref) => [...ref, kwargs]);
    const tensors = node.inputs.map(kerasTensor);
    return { args: node.asList ? [tensors] : tensors, kwargs };
  };

  const entries = graph.layers.map((entry) => {
    const json = layerToKerasJSON(entry.layer, flavor);
    const inbound = entry.inboundNodes.map(writeNode);
    // TensorFlow.js lists name first; Keras 3 after the object's own keys.
    return flavor === 'tfjs' ? { name: entry.name, ...json, inbound_nodes: inbound } : { ...json, name: entry.name, inbound_nodes: inbound };
  });

  // Keras 3 writes a single input or output as one reference, several as a list; Keras 2 always a list.
  const endpoints = (refs: TensorReference[]) => (flavor === 'keras3' && refs.length === 1 ? refs[0] : refs);
  const config: Record<string, unknown> = { name: model.name };
  if (flavor === 'keras3') config.trainable = model.trainable;
  config.layers = entries;
  config.input_layers = endpoints(graph.inputLayers);
  config.output_layers = endpoints(graph.outputLayers);
  if (flavor === 'tfjs') return { class_name: 'Model', config };
  return { module: 'keras.src.models.functional', class_name: 'Functional', config, registered_name: 'Functional', build_config: { input_shape: null } };
}
