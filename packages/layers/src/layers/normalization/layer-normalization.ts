import { NeuriteError, add, mean, mul, rsqrt, square, sub, tidy, type Tensor } from '@neurite/tensor';
import type { Regularizer, RegularizerIdentifier } from '@neurite/regularizers';
import type { Constraint, ConstraintIdentifier } from '../../constraints/constraint.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/initializer.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import {
  checkBoolean, checkNumberIn, constraintConfig, initializerConfig, regularizerConfig, resolveConstraint,
  resolveInitializer, resolveRegularizer, singleInput, singleShape,
} from '../core/arguments.js';
import { broadcastParam, checkAxisArg, normalizeLayerAxis } from './normalization-args.js';

export interface LayerNormalizationArgs extends LayerArgs {
  /** The axis or axes normalized over, per sample (default -1). */
  axis?: number | number[];
  /** Added to the variance before the square root (default 1e-3). */
  epsilon?: number;
  /** Add the learned offset beta (default true). */
  center?: boolean;
  /** Multiply by the learned scale gamma (default true). */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

/**
 * Keras's `LayerNormalization`: each sample is normalized over `axis` with its own mean and variance, then
 * scaled by gamma and shifted by beta (weights of the shape of those axes). The same in training and
 * inference.
 */
export class LayerNormalization extends Layer {
  static override className = 'LayerNormalization';
  static override argKeys = layerArgKeys<LayerNormalizationArgs>({ axis: true, epsilon: true, center: true, scale: true, betaInitializer: true, gammaInitializer: true, betaRegularizer: true, gammaRegularizer: true, betaConstraint: true, gammaConstraint: true });

  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma: LayerWeight | null = null;
  beta: LayerWeight | null = null;
  /** The normalized axes (sorted, non-negative), known once built. */
  private axes: number[] = [];
  private builtShape: LayerShape = [];

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    const cls = 'LayerNormalization';
    this.axis = checkAxisArg(cls, args.axis ?? -1, true);
    this.epsilon = checkNumberIn(cls, 'epsilon', args.epsilon ?? 1e-3, 0, Infinity, true);
    this.center = checkBoolean(cls, 'center', args.center ?? true);
    this.scale = checkBoolean(cls, 'scale', args.scale ?? true);
    this.betaInitializer = resolveInitializer(cls, 'betaInitializer', args.betaInitializer, 'zeros');
    this.gammaInitializer = resolveInitializer(cls, 'gammaInitializer', args.gammaInitializer, 'ones');
    this.betaRegularizer = resolveRegularizer(cls, 'betaRegularizer', args.betaRegularizer);
    this.gammaRegularizer = resolveRegularizer(cls, 'gammaRegularizer', args.gammaRegularizer);
    this.betaConstraint = resolveConstraint(cls, 'betaConstraint', args.betaConstraint);
    this.gammaConstraint = resolveConstraint(cls, 'gammaConstraint', args.gammaConstraint);
  }

  private normalizedAxes(shape: LayerShape): number[] {
    const list = Array.isArray(this.axis) ? this.axis : [this.axis];
    const axes = list.map((a) => normalizeLayerAxis('LayerNormalization', a, shape)).sort((a, b) => a - b);
    if (new Set(axes).size !== axes.length) {
      throw new NeuriteError(`LayerNormalization: axis names the same axis twice for an input of rank ${shape.length}. Received: axis=[${list}]`);
    }
    return axes;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const shape = singleShape('LayerNormalization', inputShape);
    this.axes = this.normalizedAxes(shape);
    this.builtShape = [...shape];
    const param = this.axes.map((a) => shape[a] as number);
    if (this.scale) {
      this.gamma = this.addWeight({ name: 'gamma', shape: param, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    }
    if (this.center) {
      this.beta = this.addWeight({ name: 'beta', shape: param, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    }
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('LayerNormalization', inputs);
    const fits = x.rank === this.builtShape.length && this.axes.every((a) => x.shape[a] === this.builtShape[a]);
    if (!fits) {
      throw new NeuriteError(
        `LayerNormalization: expected input like ${describeShape(this.builtShape)} on the normalized axes [${this.axes}] (the layer was built for it). Received: shape=${describeShape(x.shape)}`,
      );
    }
    return tidy(() => {
      const m = mean(x, { axis: this.axes, keepDims: true });
      const v = mean(square(sub(x, m)), { axis: this.axes, keepDims: true });
      let y = mul(sub(x, m), rsqrt(add(v, this.epsilon)));
      if (this.gamma) y = mul(y, broadcastParam(this.gamma.read(), this.axes, x.rank));
      if (this.beta) y = add(y, broadcastParam(this.beta.read(), this.axes, x.rank));
      return y;
    });
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('LayerNormalization', inputShape);
    this.normalizedAxes(shape);
    return [...shape];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      axis: Array.isArray(this.axis) ? [...this.axis] : this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: initializerConfig(this.betaInitializer),
      gammaInitializer: initializerConfig(this.gammaInitializer),
      betaRegularizer: regularizerConfig(this.betaRegularizer),
      gammaRegularizer: regularizerConfig(this.gammaRegularizer),
      betaConstraint: constraintConfig(this.betaConstraint),
      gammaConstraint: constraintConfig(this.gammaConstraint),
    };
  }
}

registerLayer(LayerNormalization);
