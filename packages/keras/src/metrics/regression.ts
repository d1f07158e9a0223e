import type { Tensor, TensorLike } from '@neurite/tensor';
import { checkConfig } from '../losses/argument-checks.js';
import { MeanAbsoluteError as MaeLoss, MeanSquaredError as MseLoss } from '../losses/regression.js';
import { MeanMetric, type MetricArgs } from './metric-base.js';

const mseLoss = new MseLoss();
const maeLoss = new MaeLoss();

/** The mean over samples of mean((yPred - yTrue)²) over the last axis. */
export class MeanSquaredError extends MeanMetric {
  constructor(args?: MetricArgs) {
    super('MeanSquaredError', 'mean_squared_error', checkConfig('MeanSquaredError', args, ['name']));
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    return mseLoss.perSample(yTrue, yPred);
  }
}

/** The mean over samples of mean(|yPred - yTrue|) over the last axis. */
export class MeanAbsoluteError extends MeanMetric {
  constructor(args?: MetricArgs) {
    super('MeanAbsoluteError', 'mean_absolute_error', checkConfig('MeanAbsoluteError', args, ['name']));
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    return maeLoss.perSample(yTrue, yPred);
  }
}
