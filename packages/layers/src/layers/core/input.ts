import type { DType } from '@neurite/tensor';
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
