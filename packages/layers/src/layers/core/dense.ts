import { NeuriteError, fusedMatMul, reshape, tidy, type Tensor } from '@neurite/tensor';
import type { Regularizer, RegularizerIdentifier } from '@neurite/regularizers';
import type { Constraint, ConstraintIdentifier } from '../../constraints/constraint.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/initializer.js';
import { fusableActivation, getActivation, serializeActivation, type Activation, type ActivationFunction } from '../../activations/activation-registry.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import {
  checkBoolean, checkPositiveInt, constraintConfig, initializerConfig, regularizerConfig, resolveConstraint,
  resolveInitializer, resolveRegularizer, singleInput, singleShape,
} from './arguments.js';

export interface DenseArgs extends LayerArgs {
  /** Size of the output's last axis. */
  units: number;
  /** Applied after the bias; null/'linear' (default) for none. */
  activation?: string | ActivationFunction | null;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/**
 * Keras's `Dense`: `activation(x · kernel + bias)`, contracting the last axis of an input of any rank >= 2
 * with a kernel [inputDim, units].
 */
export class Dense extends Layer {
  static override className = 'Dense';
  static override argKeys = layerArgKeys<DenseArgs>({ units: true, activation: true, useBias: true, kernelInitializer: true, biasInitializer: true, kernelRegularizer: true, biasRegularizer: true, kernelConstraint: true, biasConstraint: true });

  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel: LayerWeight | null = null;
  bias: LayerWeight | null = null;

  constructor(args: DenseArgs) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    const cls = 'Dense';
    this.units = checkPositiveInt(cls, 'units', args?.units);
    this.activation = getActivation(args.activation);
    this.useBias = checkBoolean(cls, 'useBias', args.useBias ?? true);
    this.kernelInitializer = resolveInitializer(cls, 'kernelInitializer', args.kernelInitializer, 'glorotUniform');
    this.biasInitializer = resolveInitializer(cls, 'biasInitializer', args.biasInitializer, 'zeros');
    this.kernelRegularizer = resolveRegularizer(cls, 'kernelRegularizer', args.kernelRegularizer);
    this.biasRegularizer = resolveRegularizer(cls, 'biasRegularizer', args.biasRegularizer);
    this.kernelConstraint = resolveConstraint(cls, 'kernelConstraint', args.kernelConstraint);
    this.biasConstraint = resolveConstraint(cls, 'biasConstraint', args.biasConstraint);
  }

  private inputDim(shape: LayerShape): number {
    const last = shape[shape.length - 1];
    if (shape.length < 2 || last === null) {
      throw new NeuriteError(
        `Dense: expected input of rank >= 2 with a known last axis. Received: shape=${describeShape(shape)}`,
      );
    }
    return last;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const inputDim = this.inputDim(singleShape('Dense', inputShape));
    this.kernel = this.addWeight({
      name: 'kernel',
      shape: [inputDim, this.units],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias',
        shape: [this.units],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('Dense', inputs);
    const kernel = (this.kernel as LayerWeight).read();
    if (x.rank < 2 || x.shape[x.rank - 1] !== kernel.shape[0]) {
      throw new NeuriteError(
        `Dense: expected input of rank >= 2 whose last axis is ${kernel.shape[0]} (the layer was built for it). Received: shape=${describeShape(x.shape)}`,
      );
    }
    return tidy(() => {
      // Fold the leading axes into one so that the kernel is never broadcast over them.
      const flat = x.rank === 2 ? x : reshape(x, [-1, kernel.shape[0]]);
      // one fused op (a single pass on backends with a FusedMatMul kernel); other activations follow it
      const fused = fusableActivation(this.activation);
      let y = fusedMatMul(flat, kernel, { bias: this.bias ? this.bias.read() : null, activation: fused ?? 'linear' });
      if (x.rank !== 2) y = reshape(y, [...x.shape.slice(0, -1), this.units]);
      return fused ? y : this.activation(y);
    });
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('Dense', inputShape);
    this.inputDim(shape);
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      kernelInitializer: initializerConfig(this.kernelInitializer),
      biasInitializer: initializerConfig(this.biasInitializer),
      kernelRegularizer: regularizerConfig(this.kernelRegularizer),
      biasRegularizer: regularizerConfig(this.biasRegularizer),
      kernelConstraint: constraintConfig(this.kernelConstraint),
      biasConstraint: constraintConfig(this.biasConstraint),
    };
  }
}

registerLayer(Dense);
