import { dispose, gather, keep, tensor, tidy, type Sequential, type Tensor } from 'neurite';
import { SeededStream } from '../data/random.js';
import { buildModel, type ProblemShape } from '../model/build.js';
import { plainLayers, type PlaygroundState } from '../state.js';
import type { EpochRecord, Metrics } from './metrics.js';

/** A run's data on the backend: inputs, and class indices as labels. */
export interface RunData {
  trainX: Tensor;
  trainY: Tensor;
  testX: Tensor;
  testY: Tensor;
}

/**
 * Trains the two networks of a run in lockstep, one batch at a time (so the page can draw and the user
 * can pause between any two): `plain` (the layers without regularizers or noise) and `regularized`
 * (as the state says), on the same batches in the same order, from the same initial weights.
 */
export class Trainer {
  readonly plain: Sequential;
  readonly regularized: Sequential;
  readonly history: EpochRecord[] = [];
  epoch = 0;
  private batch = 0;
  private order: Int32Array;
  private readonly samples: number;
  private stepTimes: number[] = [];

  constructor(
    readonly state: PlaygroundState,
    readonly data: RunData,
    readonly problem: ProblemShape,
  ) {
    this.plain = buildModel(state, plainLayers(state.layers), problem, 'plain');
    this.regularized = buildModel(state, state.layers, problem, 'regularized');
    this.samples = data.trainX.shape[0];
    this.order = this.epochOrder(0);
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.samples / this.state.batchSize);
  }

  private epochOrder(epoch: number): Int32Array {
    return new SeededStream(this.state.seed * 7919 + epoch).permutation(this.samples);
  }

  /** Training steps (one batch for both models) per second, over the last few steps. */
  get stepsPerSecond(): number {
    const t = this.stepTimes;
    if (t.length < 2) return 0;
    return (t.length - 1) / ((t[t.length - 1] - t[0]) / 1000);
  }

  /** One batch for both models; true when it ended an epoch (then `evaluate` adds the epoch's record). */
  async step(): Promise<boolean> {
    const b = this.state.batchSize;
    const from = this.batch * b;
    const indices = this.order.subarray(from, Math.min(this.samples, from + b));
    const [x, y] = tidy(() => {
      const idx = tensor(indices, [indices.length], 'int32');
      return [keep(gather(this.data.trainX, idx)), keep(gather(this.data.trainY, idx))];
    });
    try {
      for (const model of [this.plain, this.regularized]) {
        await model.fit(x, y, { epochs: 1, batchSize: indices.length, shuffle: false, verbose: 0 });
      }
    } finally {
      dispose([x, y]);
    }
    this.stepTimes.push(performance.now());
    if (this.stepTimes.length > 20) this.stepTimes.shift();
    this.batch++;
    if (this.batch < this.batchesPerEpoch) return false;
    this.batch = 0;
    this.epoch++;
    this.order = this.epochOrder(this.epoch);
    return true;
  }

  private async metricsOf(model: Sequential): Promise<Metrics> {
    const read = async (x: Tensor, y: Tensor) => {
      const r = (await model.evaluate(x, y, { batchSize: 256 })) as Record<string, number>;
      return [r.loss, r.accuracy] as const;
    };
    const [trainLoss, trainAccuracy] = await read(this.data.trainX, this.data.trainY);
    const [testLoss, testAccuracy] = await read(this.data.testX, this.data.testY);
    return { trainLoss, trainAccuracy, testLoss, testAccuracy };
  }

  /** Both models on the whole train and test sets, recorded as the current epoch. */
  async evaluate(): Promise<EpochRecord> {
    const record = { epoch: this.epoch, plain: await this.metricsOf(this.plain), regularized: await this.metricsOf(this.regularized) };
    this.history.push(record);
    return record;
  }

  dispose(): void {
    for (const model of [this.plain, this.regularized]) {
      // The optimizers were made here, so their slots are freed here too (a model frees only those it made).
      const optimizer = model.optimizer as { dispose?: () => void } | null;
      model.dispose();
      optimizer?.dispose?.();
    }
    dispose([this.data.trainX, this.data.trainY, this.data.testX, this.data.testY]);
  }
}
