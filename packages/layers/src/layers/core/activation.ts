import { tidy, type Tensor } from '@neurite/tensor';
import { getActivation, serializeActivation, type Activation, type ActivationFunction } from '../../activations/activation-registry.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { argError, singleInput } from './arguments.js';

export interface ActivationLayerArgs extends LayerArgs {
  /** A name (`'relu'`, `'leakyRelu'`) or a function of one tensor. */
  activation: string | ActivationFunction;
}

/**
 * Keras's `Activation` layer: applies an activation function elementwise. Exported as `ActivationLayer`
 * because `Activation` is already the type of a resolved activation function.
 */
export class ActivationLayer extends Layer {
  static override className = 'Activation';
  static override argKeys = layerArgKeys<ActivationLayerArgs>({ activation: true });

  readonly activation: Activation;

  constructor(args: ActivationLayerArgs) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    if (args?.activation == null) throw argError('Activation', 'activation', 'a name or a function', args?.activation);
    this.activation = getActivation(args.activation);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('Activation', inputs);
    // tidy: an activation written with ops may leave intermediates (such as converted scalars) behind.
    const y = tidy(() => this.activation(x));
    // 'linear' returns its input: hand back a copy so that the caller owns what it gets.
    return y === x ? x.clone() : y;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), activation: serializeActivation(this.activation) };
  }
}

registerLayer(ActivationLayer);
