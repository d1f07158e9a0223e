import { NeuriteError, reshape, tidy, transpose, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import { checkDataFormat, singleInput, singleShape, type DataFormat } from '../core/arguments.js';

export interface FlattenArgs extends LayerArgs {
  /**
   * The input's layout: with 'channelsFirst' the channels are moved last before flattening, so that the
   * flattened order matches a channels-last model's (default 'channelsLast').
   */
  dataFormat?: DataFormat;
}

/** Keras's `Flatten`: [batch, d1, d2, ...] -> [batch, d1 * d2 * ...] ([batch] -> [batch, 1]). */
export class Flatten extends Layer {
  static override className = 'Flatten';
  static override argKeys = layerArgKeys<FlattenArgs>({ dataFormat: true });

  readonly dataFormat: DataFormat;

  constructor(args: FlattenArgs = {}) {
    super(args);
    this.dataFormat = checkDataFormat('Flatten', args.dataFormat);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('Flatten', inputs);
    if (x.rank < 1) throw new NeuriteError(`Flatten: expected input of rank >= 1 (with a batch axis). Received: shape=${describeShape(x.shape)}`);
    return tidy(() => {
      const laid =
        this.dataFormat === 'channelsFirst' && x.rank > 2
          ? transpose(x, { perm: [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1] })
          : x;
      return reshape(laid, [x.shape[0], x.shape.slice(1).reduce((a, b) => a * b, 1)]);
    });
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('Flatten', inputShape);
    if (shape.length < 1) throw new NeuriteError(`Flatten: expected input of rank >= 1 (with a batch axis). Received: shape=${describeShape(shape)}`);
    const rest = shape.slice(1);
    const size = rest.some((d) => d === null) ? null : (rest as number[]).reduce((a, b) => a * b, 1);
    return [shape[0], size];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

registerLayer(Flatten);
