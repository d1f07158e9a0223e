import { NeuriteError, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { checkLayerShape } from '../../engine/check-layer-args.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import { argError, isPositiveInt, singleInput } from './arguments.js';

/** `inputShape` (one sample, with an optional `batchSize`) or `batchInputShape` (batch axis included). */
export type InputLayerArgs = LayerArgs;

const checkShape = (arg: string, shape: unknown): LayerShape => checkLayerShape('InputLayer', arg, shape);

/**
 * Keras's `InputLayer`: the entry point of a model, declaring the shape (and dtype) of its inputs. Calling
 * it checks that a tensor fits the declared shape (null dimensions match anything) and returns a copy.
 */
export class InputLayer extends Layer {
  static override className = 'InputLayer';
  static override argKeys = layerArgKeys<InputLayerArgs>({});

  constructor(args: InputLayerArgs = {}) {
    if (args.batchInputShape != null && args.inputShape != null) {
      throw argError('InputLayer', 'inputShape', 'left out when batchInputShape is given', args.inputShape);
    }
    if (args.batchInputShape != null) checkShape('batchInputShape', args.batchInputShape);
    else if (args.inputShape != null) checkShape('inputShape', args.inputShape);
    else throw argError('InputLayer', 'inputShape', 'given (or batchInputShape)', args.inputShape);
    if (args.batchSize != null && !isPositiveInt(args.batchSize)) {
      throw argError('InputLayer', 'batchSize', 'a positive integer', args.batchSize);
    }
    if (args.batchInputShape != null && args.batchSize != null) {
      throw argError('InputLayer', 'batchSize', 'left out when batchInputShape is given', args.batchSize);
    }
    super(args);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('InputLayer', inputs);
    const expected = this.batchInputShape as LayerShape;
    const fits = x.rank === expected.length && expected.every((d, i) => d === null || d === x.shape[i]);
    if (!fits) {
      throw new NeuriteError(
        `${this.name}: input of shape ${describeShape(x.shape)} does not fit the declared shape ${describeShape(expected)}. Received: shape=${describeShape(x.shape)}`,
      );
    }
    return x.dtype === this.dtype ? x.clone() : x.cast(this.dtype);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape | LayerShape[] {
    return inputShape;
  }
}

registerLayer(InputLayer);
