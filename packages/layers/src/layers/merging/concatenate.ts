import { layerArgKeys } from '../../engine/layer.js';
import { NeuriteError, cast, concat, notEqual, ones, tidy, type Tensor } from '@neurite/tensor';
import type { LayerArgs, LayerConfig } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import type { LayerShape } from '../../engine/shape.js';
import { checkInteger } from '../core/arguments.js';
import { Merge, showShapes } from './merge.js';

export interface ConcatenateArgs extends LayerArgs {
  /** The axis to join along; negative counts from the end (default -1, the features). */
  axis?: number;
}

/** Keras's `Concatenate`: joins its inputs along `axis`; the other axes must match (null matches any size). */
export class Concatenate extends Merge {
  static override className = 'Concatenate';
  static override argKeys = layerArgKeys<ConcatenateArgs>({ axis: true });

  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    this.axis = checkInteger('Concatenate', 'axis', args.axis ?? -1);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return concat(inputs, { axis: this.axis });
  }

  /**
   * Joined along the steps axis, the masks are joined too (an input without one counts as all real);
   * along any other axis a step is kept where every masked input keeps it.
   */
  override computeMask(inputs: Tensor | Tensor[], mask: Tensor | null, inputMasks?: (Tensor | null)[] | null): Tensor | null {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const rank = list[0]?.rank ?? 0;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    if (!inputMasks || inputMasks.every((m) => m === null) || axis !== 1 || rank < 3) return super.computeMask(inputs, mask, inputMasks);
    return tidy(() => {
      const parts = list.map((x, i) => {
        const m = inputMasks[i];
        return m ? cast(m, 'float32') : ones([x.shape[0], x.shape[1]]);
      });
      return notEqual(concat(parts, { axis: 1 }), 0);
    });
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shapes = this.inputShapes(inputShape);
    const rank = shapes[0].length;
    const mismatch = () =>
      new NeuriteError(`Concatenate: inputs must have matching shapes except on axis ${this.axis}. Received: shapes=${showShapes(shapes)}`);
    if (shapes.some((s) => s.length !== rank)) throw mismatch();
    if (this.axis < -rank || this.axis >= rank) {
      throw new NeuriteError(`Concatenate: axis must be in [${-rank}, ${rank}) for inputs of rank ${rank}. Received: axis=${this.axis}`);
    }
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const out: LayerShape = [...shapes[0]];
    for (const s of shapes.slice(1)) {
      for (let i = 0; i < rank; i++) {
        if (i === axis) {
          const a = out[i];
          const b = s[i];
          out[i] = a === null || b === null ? null : a + b;
        } else if (out[i] !== null && s[i] !== null && out[i] !== s[i]) {
          throw mismatch();
        } else {
          out[i] = out[i] ?? s[i]; // a known size wins over null
        }
      }
    }
    return out;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axis: this.axis };
  }
}

registerLayer(Concatenate);
