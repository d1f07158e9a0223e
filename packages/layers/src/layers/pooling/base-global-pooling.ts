import { NeuriteError, max, mean, tidy, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import {
  channelAxis, checkBoolean, checkDataFormat, checkRank, singleInput, singleShape, spatialAxes, type DataFormat,
} from '../core/arguments.js';
import { layoutName } from '../convolutional/conv-geometry.js';

export interface GlobalPoolingArgs extends LayerArgs {
  /** 'channelsLast' (default) or 'channelsFirst'. */
  dataFormat?: DataFormat;
  /** Keep the spatial axes with size 1 (default false: the output is [batch, channels]). */
  keepdims?: boolean;
}

/** Keras's `BaseGlobalPooling`: the max or mean over all spatial axes of a 1-D, 2-D or 3-D input. */
export abstract class BaseGlobalPooling extends Layer {
  readonly spatialRank: 1 | 2 | 3;
  readonly mode: 'max' | 'average';
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(args: GlobalPoolingArgs, spatialRank: 1 | 2 | 3, mode: 'max' | 'average') {
    super(args);
    const cls = (new.target as unknown as { className: string }).className;
    this.spatialRank = spatialRank;
    this.mode = mode;
    this.dataFormat = checkDataFormat(cls, args?.dataFormat);
    this.keepdims = checkBoolean(cls, 'keepdims', args?.keepdims ?? false);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    const rank = this.spatialRank + 2;
    if (x.rank !== rank) {
      throw new NeuriteError(
        `${this.className}: expected input of rank ${rank} (${layoutName(this.dataFormat, this.spatialRank)}). Received: shape=${describeShape(x.shape)}`,
      );
    }
    const reduce = this.mode === 'max' ? max : mean;
    // tidy: a composite reduction (mean) may leave intermediates behind.
    return tidy(() => reduce(x, { axis: spatialAxes(this.dataFormat, rank), keepDims: this.keepdims }));
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape(this.className, inputShape);
    checkRank(this.className, shape, this.spatialRank + 2, layoutName(this.dataFormat, this.spatialRank));
    const spatial = spatialAxes(this.dataFormat, shape.length);
    if (this.keepdims) return shape.map((d, i) => (spatial.includes(i) ? 1 : d));
    return [shape[0], shape[channelAxis(this.dataFormat, shape.length)]];
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    this.computeOutputShape(inputShape);
    super.build(inputShape);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepdims };
  }
}

/** The options of every layer of this kind beyond LayerArgs (checked against GlobalPoolingArgs by the compiler). */
export const GLOBAL_POOLING_ARG_KEYS = layerArgKeys<GlobalPoolingArgs>({ dataFormat: true, keepdims: true });
