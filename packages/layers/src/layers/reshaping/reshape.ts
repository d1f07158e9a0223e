import { NeuriteError, reshape, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import { argError, singleInput, singleShape } from '../core/arguments.js';

export interface ReshapeArgs extends LayerArgs {
  /** The output shape without the batch axis: positive integers, at most one -1 (inferred from the size). */
  targetShape: number[];
}

/** Keras's `Reshape`: [batch, ...] -> [batch, ...targetShape], keeping the order of the elements. */
export class Reshape extends Layer {
  static override className = 'Reshape';
  static override argKeys = layerArgKeys<ReshapeArgs>({ targetShape: true });

  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const target = args?.targetShape;
    const ok =
      Array.isArray(target) &&
      target.every((d) => d === -1 || (typeof d === 'number' && Number.isInteger(d) && d >= 1)) &&
      target.filter((d) => d === -1).length <= 1;
    if (!ok) throw argError('Reshape', 'targetShape', 'an array of positive integers with at most one -1', target);
    this.targetShape = [...target];
  }

  /** The target shape with its -1 resolved for `inputShape` (null when a needed size is unknown). */
  private resolve(shape: readonly (number | null)[]): LayerShape {
    const rest = shape.slice(1);
    const inputSize = rest.some((d) => d === null) ? null : (rest as number[]).reduce((a, b) => a * b, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const unknown = this.targetShape.indexOf(-1);
    if (inputSize === null) return this.targetShape.map((d) => (d === -1 ? null : d));
    const fits = unknown >= 0 ? inputSize % known === 0 : inputSize === known;
    if (!fits) {
      throw new NeuriteError(
        `Reshape: the input's ${inputSize} elements per sample cannot be reshaped to targetShape ${describeShape(this.targetShape)}. Received: shape=${describeShape(shape)}`,
      );
    }
    return this.targetShape.map((d) => (d === -1 ? inputSize / known : d));
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('Reshape', inputs);
    return reshape(x, this.computeOutputShape([...x.shape]) as number[]);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('Reshape', inputShape);
    if (shape.length < 1) throw new NeuriteError(`Reshape: expected input with a batch axis. Received: shape=${describeShape(shape)}`);
    return [shape[0], ...this.resolve(shape)];
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    this.computeOutputShape(inputShape);
    super.build(inputShape);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }
}

registerLayer(Reshape);
