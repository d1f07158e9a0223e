import { NeuriteError, cast, gather, notEqual, reshape, tidy, type Tensor } from '@neurite/tensor';
import type { Regularizer, RegularizerIdentifier } from '@neurite/regularizers';
import type { Constraint, ConstraintIdentifier } from '../../constraints/constraint.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/initializer.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { registerLayer } from '../../engine/layer-registry.js';
import type { LayerShape } from '../../engine/shape.js';
import {
  checkBoolean, checkPositiveInt, constraintConfig, initializerConfig, regularizerConfig, resolveConstraint,
  resolveInitializer, resolveRegularizer, singleInput, singleShape,
} from './arguments.js';

export interface EmbeddingArgs extends LayerArgs {
  /** Size of the vocabulary: indices run from 0 to inputDim - 1. */
  inputDim: number;
  /** Length of each embedding vector. */
  outputDim: number;
  embeddingsInitializer?: InitializerIdentifier;
  embeddingsRegularizer?: RegularizerIdentifier | null;
  embeddingsConstraint?: ConstraintIdentifier | null;
  /** Treats index 0 as padding: the layer's mask marks those steps, and layers downstream skip them. */
  maskZero?: boolean;
}

/**
 * Keras's `Embedding`: turns integer indices [batch, ...] into vectors [batch, ..., outputDim] by looking
 * rows up in a trainable [inputDim, outputDim] table.
 */
export class Embedding extends Layer {
  static override className = 'Embedding';
  static override argKeys = layerArgKeys<EmbeddingArgs>({
    inputDim: true, outputDim: true, embeddingsInitializer: true, embeddingsRegularizer: true, embeddingsConstraint: true, maskZero: true,
  });

  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  readonly embeddingsConstraint: Constraint | null;
  readonly maskZero: boolean;
  embeddings: LayerWeight | null = null;

  constructor(args: EmbeddingArgs) {
    super(args);
    const cls = 'Embedding';
    this.inputDim = checkPositiveInt(cls, 'inputDim', args?.inputDim);
    this.outputDim = checkPositiveInt(cls, 'outputDim', args.outputDim);
    this.embeddingsInitializer = resolveInitializer(cls, 'embeddingsInitializer', args.embeddingsInitializer, 'randomUniform');
    this.embeddingsRegularizer = resolveRegularizer(cls, 'embeddingsRegularizer', args.embeddingsRegularizer);
    this.embeddingsConstraint = resolveConstraint(cls, 'embeddingsConstraint', args.embeddingsConstraint);
    this.maskZero = checkBoolean(cls, 'maskZero', args.maskZero ?? false);
    this.supportsMasking = this.maskZero;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    singleShape('Embedding', inputShape);
    this.embeddings = this.addWeight({
      name: 'embeddings',
      shape: [this.inputDim, this.outputDim],
      initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer,
      constraint: this.embeddingsConstraint,
    });
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('Embedding', inputs);
    const table = (this.embeddings as LayerWeight).read();
    return tidy(() => {
      const raw = x.dataSync();
      for (let i = 0; i < raw.length; i++) {
        const v = Number(raw[i]);
        if (!(Number.isInteger(v) && v >= 0 && v < this.inputDim)) {
          throw new NeuriteError(
            `Embedding '${this.name}': inputs must be integers in [0, ${this.inputDim - 1}] (inputDim=${this.inputDim}). Received: ${raw[i]} at flat index ${i}`,
          );
        }
      }
      const indices = x.dtype === 'int32' ? x : cast(x, 'int32');
      const rows = gather(table, reshape(indices, [-1]));
      return reshape(rows, [...x.shape, this.outputDim]);
    });
  }

  override computeMask(inputs: Tensor | Tensor[], _mask: Tensor | null): Tensor | null {
    if (!this.maskZero) return null;
    return notEqual(singleInput('Embedding', inputs), 0);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return [...singleShape('Embedding', inputShape), this.outputDim];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: initializerConfig(this.embeddingsInitializer),
      embeddingsRegularizer: regularizerConfig(this.embeddingsRegularizer),
      embeddingsConstraint: constraintConfig(this.embeddingsConstraint),
      maskZero: this.maskZero,
    };
  }
}

registerLayer(Embedding);
