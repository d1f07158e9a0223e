/** One model's numbers after an epoch: loss (with its penalty, as Keras reports it) and accuracy. */
export interface Metrics {
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
}

/** Both models after one epoch. */
export interface EpochRecord {
  epoch: number;
  plain: Metrics;
  regularized: Metrics;
}

/**
 * The generalization gap: test loss minus train loss (the penalty is in both, so it cancels) and train
 * accuracy minus test accuracy, in points.
 */
export function gap(m: Metrics): { loss: number; accuracyPoints: number } {
  return { loss: m.testLoss - m.trainLoss, accuracyPoints: 100 * (m.trainAccuracy - m.testAccuracy) };
}

/** The curves of a history, one array per series, as the charts take them (x: epochs). */
export function curveSeries(history: EpochRecord[], key: keyof Metrics): { epochs: number[]; plain: number[]; regularized: number[] } {
  return {
    epochs: history.map((r) => r.epoch),
    plain: history.map((r) => r.plain[key]),
    regularized: history.map((r) => r.regularized[key]),
  };
}

/** A curve chart's data: epochs, then plain train, plain test, regularized train, regularized test. */
export function curveData(history: EpochRecord[], metric: 'loss' | 'accuracy'): number[][] {
  const key = (split: 'train' | 'test'): keyof Metrics => (metric === 'loss' ? `${split}Loss` : `${split}Accuracy`);
  const train = curveSeries(history, key('train'));
  const test = curveSeries(history, key('test'));
  return [train.epochs, train.plain, test.plain, train.regularized, test.regularized];
}
