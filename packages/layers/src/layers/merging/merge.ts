// The shared base of Keras's merge layers: a list of tensors in, one tensor out, no weights.
import { NeuriteError, cast, mul, notEqual, tidy, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs } from '../../engine/layer.js';
import { isShapeList, type LayerShape } from '../../engine/shape.js';

/** Shapes as in the error messages: `[[null,3],[null,4]]`. */
export function showShapes(shapes: readonly (readonly (number | null)[])[]): string {
  return JSON.stringify(shapes);
}

/**
 * Keras 3's rule for one pair of dimensions of an elementwise merge: null wins, 1 broadcasts, otherwise the
 * sizes must be equal (undefined signals a mismatch).
 */
function mergeDim(a: number | null, b: number | null): number | null | undefined {
  if (a === null || b === null) return null;
  if (a === 1) return b;
  if (b === 1) return a;
  return a === b ? a : undefined;
}

/** Base of Add, Subtract, Multiply, Average, Maximum, Minimum and Concatenate. */
export abstract class Merge extends Layer {
  /** Subtract takes exactly two inputs; the others two or more. */
  protected readonly exactInputs: number | null = null;

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  /** Combines the checked inputs (inside a tidy). */
  protected abstract merge(inputs: Tensor[]): Tensor;

  /** Keras's rule: a step is kept where every input that has a mask keeps it (none when no input has one). */
  override computeMask(_inputs: Tensor | Tensor[], _mask: Tensor | null, inputMasks?: (Tensor | null)[] | null): Tensor | null {
    const masks = (inputMasks ?? []).filter((m): m is Tensor => m !== null);
    if (masks.length === 0) return null;
    return tidy(() => notEqual(masks.map((m) => cast(m, 'float32')).reduce((a, b) => mul(a, b)), 0));
  }

  /** The list of input shapes, checked for count; errors name the layer and what it received. */
  protected inputShapes(inputShape: LayerShape | LayerShape[]): LayerShape[] {
    const expected = this.exactInputs === null ? 'a list of at least 2 tensors' : `a list of exactly ${this.exactInputs} tensors`;
    if (!isShapeList(inputShape)) {
      throw new NeuriteError(`${this.className}: inputs must be ${expected}. Received: a single tensor of shape=${JSON.stringify(inputShape)}`);
    }
    const n = inputShape.length;
    if (n < 2 || (this.exactInputs !== null && n !== this.exactInputs)) {
      throw new NeuriteError(`${this.className}: inputs must be ${expected}. Received: ${n} tensor${n === 1 ? '' : 's'} of shapes=${showShapes(inputShape)}`);
    }
    return inputShape;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    this.computeOutputShape(inputShape); // checks the shapes once, before the first call
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    // A built layer can meet other shapes later (e.g. another batch size): check every call.
    this.computeOutputShape(Array.isArray(inputs) ? list.map((t) => [...t.shape]) : [...list[0].shape]);
    return tidy(() => this.merge(list));
  }

  /** Elementwise merges: equal ranks; each axis equal, or 1 / null (Keras 3's broadcasting rule). */
  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shapes = this.inputShapes(inputShape);
    const rank = shapes[0].length;
    if (shapes.some((s) => s.length !== rank)) {
      throw new NeuriteError(`${this.className}: inputs must have the same rank. Received: shapes=${showShapes(shapes)}`);
    }
    const out: LayerShape = [...shapes[0]];
    for (const s of shapes.slice(1)) {
      for (let i = 1; i < rank; i++) {
        const d = mergeDim(out[i], s[i]);
        if (d === undefined) {
          throw new NeuriteError(
            `${this.className}: inputs must have compatible shapes (equal sizes, or 1 or null where they differ). Received: shapes=${showShapes(shapes)}`,
          );
        }
        out[i] = d;
      }
    }
    // The batch axis, as Keras 3: the one known batch size, else null.
    if (rank > 0) {
      const batches = new Set(shapes.map((s) => s[0]).filter((d): d is number => d !== null));
      out[0] = batches.size === 1 ? [...batches][0] : null;
    }
    return out;
  }
}
