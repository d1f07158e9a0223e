// Writes a functional model: its layers in graph order, each with the calls made in this model (node
// indices count only those calls, in the order they were made), and its input and output tensors.
import { NeuriteError } from '@neurite/tensor';
import { InputLayer, type Layer, type LayerNode, type SymbolicTensor } from '@neurite/layers';
import type { Model } from '../../models/model.js';
import type { KerasObjectJSON } from '../contract.js';
import type { KerasFlavor } from './flavor.js';
import { layerToKerasJSON } from './layer-json.js';

export function writeFunctional(model: Model, flavor: KerasFlavor): KerasObjectJSON {
  const layers = model.layers;
  if (layers.length === 0) throw new NeuriteError(`${model.name}: a model without a graph cannot be saved`);
  const inGraph = new Set<LayerNode>(layers.flatMap((l) => model.nodesOf(l)));
  const callsOf = (layer: Layer): LayerNode[] => layer.inboundNodes.filter((n) => inGraph.has(n));
  const history = (t: SymbolicTensor): [string, number, number] => [t.node.layer.name, callsOf(t.node.layer).indexOf(t.node), t.outputIndex];

  const kerasTensor = (t: SymbolicTensor) => ({
    class_name: '__keras_tensor__',
    config: { shape: [...t.shape], dtype: t.dtype, keras_history: history(t) },
  });
  const writeNode = (node: LayerNode): unknown => {
    const kwargs = node.training === undefined ? {} : { training: node.training };
    if (flavor === 'tfjs') return node.inputs.map((t) => [...history(t), kwargs]);
    const tensors = node.inputs.map(kerasTensor);
    return { args: node.inputsAsList ? [tensors] : tensors, kwargs };
  };

  const entries = layers.map((layer) => {
    const json = layerToKerasJSON(layer, flavor);
    const inbound = layer instanceof InputLayer ? [] : callsOf(layer).map(writeNode);
    // TensorFlow.js lists name first; Keras 3 after the object's own keys.
    return flavor === 'tfjs' ? { name: layer.name, ...json, inbound_nodes: inbound } : { ...json, name: layer.name, inbound_nodes: inbound };
  });

  // Keras 3 writes a single input or output as one reference, several as a list; Keras 2 always a list.
  const endpoints = (tensors: SymbolicTensor[]) => {
    const refs = tensors.map(history);
    return flavor === 'keras3' && refs.length === 1 ? refs[0] : refs;
  };
  const config: Record<string, unknown> = { name: model.name };
  if (flavor === 'keras3') config.trainable = model.trainable;
  config.layers = entries;
  config.input_layers = endpoints(model.inputs);
  config.output_layers = endpoints(model.outputs);
  if (flavor === 'tfjs') return { class_name: 'Model', config };
  return { module: 'keras.src.models.functional', class_name: 'Functional', config, registered_name: 'Functional', build_config: { input_shape: null } };
}
