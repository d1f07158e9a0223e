import { tidy, type Tensor, type TensorLike } from '@neurite/tensor';
import type { LossLike } from './loss.js';
import { checkName } from './argument-checks.js';
import { checkReduction, reduceLosses, type Reduction } from './reduction.js';

/** Options every loss takes: its name in configs and the reduction ('sum_over_batch_size' by default). */
export interface LossArgs {
  name?: string;
  reduction?: Reduction;
}

/** Per-sample losses and, for losses that ignore some samples, a 0/1 mask of those kept. */
export interface PerSampleLosses {
  losses: Tensor;
  mask?: Tensor;
}

/**
 * Base of the built-in losses: subclasses compute per-sample losses, this class validates the call,
 * applies sample weights and reduces (Keras's Loss.__call__), all inside one tidy.
 */
export abstract class Loss implements LossLike {
  readonly name: string;
  readonly reduction: Reduction;

  protected constructor(readonly className: string, defaultName: string, args: LossArgs) {
    this.name = args.name === undefined ? defaultName : checkName(className, args.name);
    this.reduction = args.reduction === undefined ? 'sum_over_batch_size' : checkReduction(className, args.reduction);
  }

  /** The reduced loss: a float32 scalar, the (weighted) mean over the batch of the per-sample losses. */
  call(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike, sampleWeight?: Tensor | TensorLike | number): Tensor {
    return tidy(() => {
      const { losses, mask } = this.computePerSample(yTrue, yPred);
      return reduceLosses(this.className, losses, this.reduction, sampleWeight, mask);
    });
  }

  /** The unreduced losses, one per sample (Keras's reduction 'none'): yPred's shape without its class axis. */
  perSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    return tidy(() => this.computePerSample(yTrue, yPred).losses);
  }

  /** The constructor options that recreate this loss (camelCase keys). */
  getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction, ...this.ownConfig() };
  }

  protected abstract computePerSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): PerSampleLosses;

  protected ownConfig(): Record<string, unknown> {
    return {};
  }
}
