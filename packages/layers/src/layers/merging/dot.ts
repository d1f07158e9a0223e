import { layerArgKeys } from '../../engine/layer.js';
import { NeuriteError, matMul, maximum, mul, reshape, rsqrt, square, sum, transpose, type Tensor } from '@neurite/tensor';
import type { LayerArgs, LayerConfig } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import type { LayerShape } from '../../engine/shape.js';
import { argError, checkBoolean } from '../core/arguments.js';
import { Merge, showShapes } from './merge.js';

export interface DotArgs extends LayerArgs {
  /** The axis of both inputs to sum the products over, or one axis per input (negative counts from the end). */
  axes: number | [number, number];
  /** L2-normalize both inputs along their axis first, so the output is the cosine similarity (default false). */
  normalize?: boolean;
}

/** Keras's guard against dividing by a zero norm: sum of squares floored at 1e-12. */
const NORM_EPSILON = 1e-12;

function checkAxes(axes: unknown): number | [number, number] {
  const isInt = (a: unknown): a is number => typeof a === 'number' && Number.isInteger(a);
  if (isInt(axes)) return axes;
  if (Array.isArray(axes) && axes.length === 2 && axes.every(isInt)) return [axes[0], axes[1]];
  throw argError('Dot', 'axes', 'an integer or a pair of integers', axes);
}

/** `x` divided by its L2 norm along `axis` (the norm floored as Keras does). */
function l2Normalize(x: Tensor, axis: number): Tensor {
  return mul(x, rsqrt(maximum(sum(square(x), { axis, keepDims: true }), NORM_EPSILON)));
}

/**
 * Keras's `Dot`: for each sample, the sum of products of two inputs over one axis of each (Keras's
 * `batch_dot`). The output holds the first input's other axes, then the second's; a sample that reduces
 * to a scalar gives shape [batch, 1]. Computed as one batched matMul: the first input's axis moved last,
 * the second's moved first (after the batch), the remaining axes of each flattened.
 */
export class Dot extends Merge {
  static override className = 'Dot';
  static override argKeys = layerArgKeys<DotArgs>({ axes: true, normalize: true });
  protected override readonly exactInputs = 2;

  readonly axes: number | [number, number];
  readonly normalize: boolean;

  /** A dot product has no steps left to mask (Keras returns none). */
  override computeMask(): null {
    return null;
  }

  constructor(args: DotArgs) {
    super(args);
    if (args === undefined || args === null || args.axes === undefined) throw argError('Dot', 'axes', 'an integer or a pair of integers', undefined);
    this.axes = checkAxes(args.axes);
    this.normalize = checkBoolean('Dot', 'normalize', args.normalize ?? false);
  }

  /** Each input's axis, made non-negative for its rank; the batch axis (0) cannot be summed over. */
  private resolvedAxes(ranks: [number, number], shapes: readonly LayerShape[]): [number, number] {
    const given = typeof this.axes === 'number' ? [this.axes, this.axes] : this.axes;
    return [0, 1].map((i) => {
      const rank = ranks[i];
      const a = given[i];
      if (a < -rank || a >= rank || (a < 0 ? a + rank : a) === 0) {
        throw new NeuriteError(
          `Dot: axes must name a non-batch axis of each input, in [1, ${rank}) or [${-rank + 1}, -1] for input ${i} of rank ${rank}. ` +
            `Received: axes=${JSON.stringify(this.axes)} with shapes=${showShapes(shapes)}`,
        );
      }
      return a < 0 ? a + rank : a;
    }) as [number, number];
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const [a, b] = this.inputShapes(inputShape);
    if (a.length < 2 || b.length < 2) {
      throw new NeuriteError(`Dot: both inputs need a batch axis and at least one more. Received: shapes=${showShapes([a, b])}`);
    }
    const [axA, axB] = this.resolvedAxes([a.length, b.length], [a, b]);
    if (a[axA] !== null && b[axB] !== null && a[axA] !== b[axB]) {
      throw new NeuriteError(
        `Dot: the summed axes must have the same size; axis ${axA} of input 0 has ${a[axA]}, axis ${axB} of input 1 has ${b[axB]}. ` +
          `Received: shapes=${showShapes([a, b])}`,
      );
    }
    if (a[0] !== null && b[0] !== null && a[0] !== b[0]) {
      throw new NeuriteError(`Dot: both inputs must have the same batch size. Received: shapes=${showShapes([a, b])}`);
    }
    const rest = [...a.slice(1).filter((_, i) => i + 1 !== axA), ...b.slice(1).filter((_, i) => i + 1 !== axB)];
    return [a[0] ?? b[0], ...(rest.length ? rest : [1])];
  }

  protected merge([x, y]: Tensor[]): Tensor {
    const [axX, axY] = this.resolvedAxes([x.rank, y.rank], [[...x.shape], [...y.shape]]);
    const a = this.normalize ? l2Normalize(x, axX) : x;
    const b = this.normalize ? l2Normalize(y, axY) : y;
    const batch = x.shape[0];
    const n = x.shape[axX];
    const restX = x.shape.slice(1).filter((_, i) => i + 1 !== axX);
    const restY = y.shape.slice(1).filter((_, i) => i + 1 !== axY);
    // [batch, restX..., n] and [batch, n, restY...], flattened to [batch, X, n] and [batch, n, Y]
    const permX = [0, ...restX.map((_, i) => (i + 1 < axX ? i + 1 : i + 2)), axX];
    const permY = [0, axY, ...restY.map((_, i) => (i + 1 < axY ? i + 1 : i + 2))];
    const sizeX = restX.reduce((p, d) => p * d, 1);
    const sizeY = restY.reduce((p, d) => p * d, 1);
    const left = reshape(transpose(a, { perm: permX }), [batch, sizeX, n]);
    const right = reshape(transpose(b, { perm: permY }), [batch, n, sizeY]);
    const out = matMul(left, right);
    return reshape(out, [batch, ...(restX.length + restY.length ? [...restX, ...restY] : [1])]);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axes: this.axes, normalize: this.normalize };
  }
}

registerLayer(Dot);
