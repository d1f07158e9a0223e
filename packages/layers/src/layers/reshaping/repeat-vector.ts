import { NeuriteError, expandDims, tidy, tile, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import { checkPositiveInt, singleInput, singleShape } from '../core/arguments.js';

export interface RepeatVectorArgs extends LayerArgs {
  /** How many times the vector is repeated. */
  n: number;
}

/** Keras's `RepeatVector`: [batch, features] -> [batch, n, features] (an encoder's output fed to every decoder step). */
export class RepeatVector extends Layer {
  static override className = 'RepeatVector';
  static override argKeys = layerArgKeys<RepeatVectorArgs>({ n: true });

  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    this.n = checkPositiveInt('RepeatVector', 'n', args?.n);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('RepeatVector', inputShape);
    if (shape.length !== 2) throw new NeuriteError(`RepeatVector: expected input [batch, features]. Received: shape=${describeShape(shape)}`);
    return [shape[0], this.n, shape[1]];
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('RepeatVector', inputs);
    this.computeOutputShape([...x.shape]);
    return tidy(() => tile(expandDims(x, { axis: 1 }), [1, this.n, 1]));
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), n: this.n };
  }
}

registerLayer(RepeatVector);
