import { NeuriteError, avgPool, avgPool1d, maxPool, maxPool1d, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import {
  checkDataFormat, checkOneOf, checkTuple, singleInput, singleShape, type DataFormat,
} from '../core/arguments.js';
import { checkSpatialInput, convOutputLength, layoutName, spatialOutputShape } from '../convolutional/conv-geometry.js';
import { pool3dBySlices } from '../convolutional/volume-ops.js';

export interface PoolingArgs extends LayerArgs {
  /** Window size: an integer or one per spatial axis (default 2). */
  poolSize?: number | number[];
  /** Step between windows; null (default) means the pool size. */
  strides?: number | number[] | null;
  /** 'valid' (default) or 'same' (windows reaching into the padding only see the in-bounds elements). */
  padding?: 'valid' | 'same';
  /** 'channelsLast' (default) or 'channelsFirst'. */
  dataFormat?: DataFormat;
}

/** Keras's `BasePooling`: max or average over windows along the spatial axes of a 1-D, 2-D or 3-D input. */
export abstract class BasePooling extends Layer {
  readonly spatialRank: 1 | 2 | 3;
  readonly mode: 'max' | 'average';
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;

  constructor(args: PoolingArgs, spatialRank: 1 | 2 | 3, mode: 'max' | 'average') {
    super(args);
    const cls = (new.target as unknown as { className: string }).className;
    this.spatialRank = spatialRank;
    this.mode = mode;
    this.poolSize = checkTuple(cls, 'poolSize', args?.poolSize ?? 2, spatialRank);
    this.strides = args?.strides == null ? [...this.poolSize] : checkTuple(cls, 'strides', args.strides, spatialRank);
    this.padding = checkOneOf(cls, 'padding', args?.padding ?? 'valid', ['valid', 'same']);
    this.dataFormat = checkDataFormat(cls, args?.dataFormat);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    const rank = this.spatialRank + 2;
    if (x.rank !== rank) {
      throw new NeuriteError(
        `${this.className}: expected input of rank ${rank} (${layoutName(this.dataFormat, this.spatialRank)}). Received: shape=${describeShape(x.shape)}`,
      );
    }
    const channelsFirst = this.dataFormat === 'channelsFirst';
    if (this.spatialRank === 1) {
      const pool = this.mode === 'max' ? maxPool1d : avgPool1d;
      return pool(x, this.poolSize[0], { strides: this.strides[0], padding: this.padding, dataFormat: channelsFirst ? 'NCW' : 'NWC' });
    }
    if (this.spatialRank === 3) {
      return pool3dBySlices(x, this.mode, this.poolSize, this.strides, this.padding, channelsFirst);
    }
    const pool = this.mode === 'max' ? maxPool : avgPool;
    return pool(x, [this.poolSize[0], this.poolSize[1]], {
      strides: [this.strides[0], this.strides[1]],
      padding: this.padding,
      dataFormat: channelsFirst ? 'NCHW' : 'NHWC',
    });
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape(this.className, inputShape);
    const channels = checkSpatialInput(this.className, shape, this.spatialRank, this.dataFormat);
    return spatialOutputShape(this.className, shape, this.dataFormat, channels, (size, axis) =>
      convOutputLength(size, this.poolSize[axis], this.padding, this.strides[axis], 1),
    );
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    this.computeOutputShape(inputShape);
    super.build(inputShape);
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      poolSize: [...this.poolSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: this.dataFormat,
    };
  }
}

/** The options of every layer of this kind beyond LayerArgs (checked against PoolingArgs by the compiler). */
export const POOLING_ARG_KEYS = layerArgKeys<PoolingArgs>({ poolSize: true, strides: true, padding: true, dataFormat: true });
