import { NeuriteError, add, mean, mul, reshape, rsqrt, square, sub, tidy, type Tensor } from '@neurite/tensor';
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

export interface BatchNormalizationArgs extends LayerArgs {
  /** The features axis, normalized per entry (default -1, the channels of a channels-last input). */
  axis?: number;
  /** moving = moving * momentum + batch * (1 - momentum), in [0, 1] (default 0.99). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-3). */
  epsilon?: number;
  /** Add the learned offset beta (default true). */
  center?: boolean;
  /** Multiply by the learned scale gamma (default true). */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

/**
 * Keras's `BatchNormalization`: (x - mean) / sqrt(variance + epsilon) * gamma + beta per feature. In
 * training (and while the layer is trainable) mean and variance are the batch's, and the moving
 * statistics (non-trainable weights) move towards them; at inference the moving statistics are used.
 */
export class BatchNormalization extends Layer {
  static override className = 'BatchNormalization';
  static override argKeys = layerArgKeys<BatchNormalizationArgs>({ axis: true, momentum: true, epsilon: true, center: true, scale: true, betaInitializer: true, gammaInitializer: true, movingMeanInitializer: true, movingVarianceInitializer: true, betaRegularizer: true, gammaRegularizer: true, betaConstraint: true, gammaConstraint: true });

  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma: LayerWeight | null = null;
  beta: LayerWeight | null = null;
  movingMean: LayerWeight | null = null;
  movingVariance: LayerWeight | null = null;
  /** The normalized feature axis, known once built. */
  private featureAxis = -1;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    const cls = 'BatchNormalization';
    this.axis = checkAxisArg(cls, args.axis ?? -1, false) as number;
    this.momentum = checkNumberIn(cls, 'momentum', args.momentum ?? 0.99, 0, 1);
    this.epsilon = checkNumberIn(cls, 'epsilon', args.epsilon ?? 1e-3, 0, Infinity, true);
    this.center = checkBoolean(cls, 'center', args.center ?? true);
    this.scale = checkBoolean(cls, 'scale', args.scale ?? true);
    this.betaInitializer = resolveInitializer(cls, 'betaInitializer', args.betaInitializer, 'zeros');
    this.gammaInitializer = resolveInitializer(cls, 'gammaInitializer', args.gammaInitializer, 'ones');
    this.movingMeanInitializer = resolveInitializer(cls, 'movingMeanInitializer', args.movingMeanInitializer, 'zeros');
    this.movingVarianceInitializer = resolveInitializer(cls, 'movingVarianceInitializer', args.movingVarianceInitializer, 'ones');
    this.betaRegularizer = resolveRegularizer(cls, 'betaRegularizer', args.betaRegularizer);
    this.gammaRegularizer = resolveRegularizer(cls, 'gammaRegularizer', args.gammaRegularizer);
    this.betaConstraint = resolveConstraint(cls, 'betaConstraint', args.betaConstraint);
    this.gammaConstraint = resolveConstraint(cls, 'gammaConstraint', args.gammaConstraint);
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const shape = singleShape('BatchNormalization', inputShape);
    this.featureAxis = normalizeLayerAxis('BatchNormalization', this.axis, shape);
    const param = [shape[this.featureAxis] as number];
    // Keras's order: gamma, beta, moving_mean, moving_variance.
    if (this.scale) {
      this.gamma = this.addWeight({ name: 'gamma', shape: param, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    }
    if (this.center) {
      this.beta = this.addWeight({ name: 'beta', shape: param, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    }
    this.movingMean = this.addWeight({ name: 'moving_mean', shape: param, initializer: this.movingMeanInitializer, trainable: false });
    this.movingVariance = this.addWeight({ name: 'moving_variance', shape: param, initializer: this.movingVarianceInitializer, trainable: false });
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], { training }: Required<CallOptions>): Tensor {
    const x = singleInput('BatchNormalization', inputs);
    const movingMean = (this.movingMean as LayerWeight).read();
    const movingVariance = (this.movingVariance as LayerWeight).read();
    const axis = this.featureAxis;
    if (axis >= x.rank || x.shape[axis] !== movingMean.shape[0]) {
      throw new NeuriteError(
        `BatchNormalization: expected input with ${movingMean.shape[0]} features on axis ${this.axis} (the layer was built for it). Received: shape=${describeShape(x.shape)}`,
      );
    }
    const rank = x.rank;
    const reductionAxes = Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis);
    // A frozen BatchNormalization runs in inference mode even in training (Keras 3's rule, for fine-tuning).
    const useBatchStats = training && this.trainable;
    return tidy(() => {
      let m: Tensor;
      let v: Tensor;
      if (useBatchStats) {
        m = mean(x, { axis: reductionAxes, keepDims: true });
        v = mean(square(sub(x, m)), { axis: reductionAxes, keepDims: true });
        this.updateMovingStats(reshape(m, [-1]), reshape(v, [-1]));
      } else {
        m = broadcastParam(movingMean, [axis], rank);
        v = broadcastParam(movingVariance, [axis], rank);
      }
      let y = mul(sub(x, m), rsqrt(add(v, this.epsilon)));
      if (this.gamma) y = mul(y, broadcastParam(this.gamma.read(), [axis], rank));
      if (this.beta) y = add(y, broadcastParam(this.beta.read(), [axis], rank));
      return y;
    });
  }

  /** moving = moving * momentum + batch * (1 - momentum), for the mean and the (biased) variance. */
  private updateMovingStats(batchMean: Tensor, batchVariance: Tensor): void {
    const update = (w: LayerWeight, batch: Tensor) => {
      w.assign(add(mul(w.read(), this.momentum), mul(batch, 1 - this.momentum)));
    };
    update(this.movingMean as LayerWeight, batchMean);
    update(this.movingVariance as LayerWeight, batchVariance);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('BatchNormalization', inputShape);
    normalizeLayerAxis('BatchNormalization', this.axis, shape);
    return [...shape];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: initializerConfig(this.betaInitializer),
      gammaInitializer: initializerConfig(this.gammaInitializer),
      movingMeanInitializer: initializerConfig(this.movingMeanInitializer),
      movingVarianceInitializer: initializerConfig(this.movingVarianceInitializer),
      betaRegularizer: regularizerConfig(this.betaRegularizer),
      gammaRegularizer: regularizerConfig(this.gammaRegularizer),
      betaConstraint: constraintConfig(this.betaConstraint),
      gammaConstraint: constraintConfig(this.gammaConstraint),
    };
  }
}

registerLayer(BatchNormalization);
