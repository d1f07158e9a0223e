import { argumentError, readOptionsObject, type DType } from '@neurite/tensor';
import { checkLayerShape } from '../../engine/check-layer-args.js';
import { LayerNode, SymbolicTensor } from '../../engine/symbolic-tensor.js';
import type { LayerShape } from '../../engine/shape.js';
import { InputLayer } from './input-layer.js';

export interface InputArgs {
  /** Shape of one sample, without the batch axis. */
  shape?: LayerShape;
  /** Shape with the batch axis (instead of `shape`). */
  batchShape?: LayerShape;
  batchSize?: number;
  dtype?: DType;
  name?: string;
}

/** Keras's `Input`: the symbolic entry of a functional model, made by an `InputLayer`. */
export function Input(args: InputArgs): SymbolicTensor {
  readOptionsObject('Input', args, ['shape', 'batchShape', 'batchSize', 'dtype', 'name'] satisfies (keyof InputArgs)[]);
  // Checked under Input's own names (the InputLayer below calls them inputShape, batchInputShape).
  if (args.shape != null && args.batchShape != null) throw argumentError('Input', 'batchShape', 'left out when shape is given', args.batchShape);
  if (args.shape != null) checkLayerShape('Input', 'shape', args.shape);
  if (args.batchShape != null) checkLayerShape('Input', 'batchShape', args.batchShape);
  if (args.shape == null && args.batchShape == null) throw argumentError('Input', 'shape', 'given (or batchShape)', args.shape);
  const layer = new InputLayer({
    inputShape: args.shape,
    batchInputShape: args.batchShape,
    batchSize: args.batchSize,
    dtype: args.dtype,
    name: args.name,
  });
  layer.built = true;
  const node = new LayerNode(layer, [], false, undefined);
  node.outputs = [new SymbolicTensor([...(layer.batchInputShape as LayerShape)], layer.dtype, node, 0)];
  layer.inboundNodes.push(node);
  return node.outputs[0];
}
