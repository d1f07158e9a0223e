// ZeroPadding, Cropping and UpSampling in 1-D and 2-D share this: a per-spatial-axis amount read from
// Keras's forms, and the spatial axes of the input in its data format.
import { NeuriteError } from '@neurite/tensor';
import { Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import { argError, checkDataFormat, singleShape, spatialAxes, type DataFormat } from '../core/arguments.js';

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isCount);

/**
 * Keras's amounts before and after each of `n` spatial axes: an integer (the same everywhere), for one
 * axis a pair (before, after), for two axes a pair (symmetric height, symmetric width) or two pairs
 * ((top, bottom), (left, right)).
 */
export function readPairs(cls: string, arg: string, v: unknown, n: number): [number, number][] {
  if (isCount(v)) return Array.from({ length: n }, () => [v, v]);
  if (n === 1 && isPair(v)) return [[v[0], v[1]]];
  if (n === 2 && isPair(v)) return [[v[0], v[0]], [v[1], v[1]]];
  if (Array.isArray(v) && v.length === n && v.every(isPair)) return v.map((p) => [p[0], p[1]]);
  const expected = n === 1 ? 'a non-negative integer or [before, after]' : 'a non-negative integer, [height, width] or [[top, bottom], [left, right]]';
  throw argError(cls, arg, expected, v);
}

/** A positive integer, or `n` of them (one per spatial axis). */
export function readSizes(cls: string, arg: string, v: unknown, n: number): number[] {
  const ok = (d: unknown) => typeof d === 'number' && Number.isInteger(d) && d >= 1;
  if (ok(v)) return new Array<number>(n).fill(v as number);
  if (Array.isArray(v) && v.length === n && v.every(ok)) return [...(v as number[])];
  throw argError(cls, arg, n === 1 ? 'a positive integer' : 'a positive integer or [height, width] of them', v);
}

export interface SpatialEditArgs extends LayerArgs {
  /** 2-D layers: 'channelsLast' (default, [batch, height, width, channels]) or 'channelsFirst'. */
  dataFormat?: DataFormat;
}

/** The base of the 1-D and 2-D padding, cropping and upsampling layers: rank, data format, axes. */
export abstract class SpatialEdit extends Layer {
  readonly dataFormat: DataFormat;

  protected constructor(args: SpatialEditArgs, protected readonly spatialRank: number) {
    super(args);
    this.dataFormat = spatialRank === 1 ? 'channelsLast' : checkDataFormat(this.className, args?.dataFormat);
  }

  /** The input's spatial axes, after checking its rank. */
  protected axes(shape: readonly (number | null)[]): number[] {
    const rank = this.spatialRank + 2;
    if (shape.length !== rank) {
      throw new NeuriteError(`${this.className}: expected input of rank ${rank} ([batch, ${this.spatialRank === 1 ? 'steps' : 'height, width'}, channels]${this.spatialRank === 2 ? ' or channels first' : ''}). Received: shape=${describeShape(shape)}`);
    }
    return spatialAxes(this.dataFormat, rank);
  }

  /** The output size of one spatial axis (null stays null). */
  protected abstract resize(size: number, axis: number): number;

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape(this.className, inputShape);
    const out = [...shape];
    this.axes(shape).forEach((a, i) => {
      const d = shape[a];
      out[a] = d === null ? null : this.resize(d, i);
    });
    return out;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    this.computeOutputShape(inputShape);
    super.build(inputShape);
  }

  override getConfig(): LayerConfig {
    const config = super.getConfig();
    return this.spatialRank === 1 ? config : { ...config, dataFormat: this.dataFormat };
  }
}
