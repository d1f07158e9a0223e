import { NeuriteError, argumentError, describeValue, type Tensor } from '@neurite/tensor';
import { describeShape, type LayerShape } from '../../engine/shape.js';

/** `Cls: arg must be <expected>. Received: arg=<value>` (the tensor core's one form). */
export const argError = argumentError;

/**
 * A drop rate: a number in [0, 1], or in [0, 1) where `allowOne` is false (Gaussian and alpha dropout divide
 * by 1 - rate, so rate 1 has no finite output).
 */
export function checkRate(cls: string, rate: unknown, allowOne = true): number {
  const ok = typeof rate === 'number' && rate >= 0 && (allowOne ? rate <= 1 : rate < 1);
  if (!ok) throw argError(cls, 'rate', `a number in [0, ${allowOne ? '1]' : '1)'}`, rate);
  return rate as number;
}

/** An optional noise shape: an array of non-negative integers and nulls (null takes the input's dim). */
export function checkNoiseShape(cls: string, noiseShape: unknown): LayerShape | null {
  if (noiseShape == null) return null;
  const ok =
    Array.isArray(noiseShape) &&
    noiseShape.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d >= 0));
  if (!ok) throw argError(cls, 'noiseShape', 'an array of non-negative integers or nulls', noiseShape);
  return [...(noiseShape as LayerShape)];
}

/**
 * The concrete noise shape for an input shape, as Keras fills it in: same rank as the input, a null entry
 * takes the input's dimension, and every other entry must be 1 or equal to it (so the mask broadcasts).
 * Unknown (null) input dimensions are accepted here and checked again at call time.
 */
export function resolveNoiseShape(cls: string, noiseShape: LayerShape, inputShape: readonly (number | null)[]): LayerShape {
  const fits =
    noiseShape.length === inputShape.length &&
    noiseShape.every((d, i) => d === null || d === 1 || inputShape[i] === null || d === inputShape[i]);
  if (!fits) {
    throw new NeuriteError(
      `${cls}: noiseShape must have the input's rank with each entry null, 1 or the input's dimension; ` +
        `the input has shape ${describeShape(inputShape)}. Received: noiseShape=${describeShape(noiseShape)}`,
    );
  }
  return noiseShape.map((d, i) => (d === null ? inputShape[i] : d));
}

/** The concrete noise shape for a tensor (or its own shape when there is none). */
export function noiseShapeFor(cls: string, noiseShape: LayerShape | null, x: Tensor): number[] {
  if (noiseShape === null) return [...x.shape];
  return resolveNoiseShape(cls, noiseShape, x.shape) as number[];
}

/** Checks that the input has the rank a layer needs (`null` input shapes are lists of shapes: rejected). */
export function checkInputRank(cls: string, inputShape: unknown, rank: number): void {
  const ok = Array.isArray(inputShape) && !inputShape.some(Array.isArray) && inputShape.length === rank;
  if (!ok) {
    throw new NeuriteError(
      `${cls}: expected an input of rank ${rank}. Received: inputShape=${describeValue(inputShape)}`,
    );
  }
}

/** Accepts only a single tensor (these layers have one input). */
export function singleInput(cls: string, inputs: Tensor | Tensor[]): Tensor {
  if (Array.isArray(inputs)) {
    throw new NeuriteError(`${cls}: expected a single input tensor. Received: a list of ${inputs.length} tensors`);
  }
  return inputs;
}
