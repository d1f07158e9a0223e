import '@neurite/backend-cpu';
import { memory, NeuriteError } from '@neurite/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EarlyStopping, LambdaCallback } from '../src/callbacks/index.js';
import { makeFakeModel, series, simulate } from './callbacks-fixtures.js';

afterEach(() => vi.restoreAllMocks());

/** Runs EarlyStopping over a scripted series; returns the epochs run and the callback. */
async function run(values: number[], args: ConstructorParameters<typeof EarlyStopping>[0], key = 'val_loss') {
  const model = makeFakeModel();
  const es = new EarlyStopping(args);
  const { epochsRun, history } = await simulate(model, [es], { epochLogs: series(values, key) });
  return { es, epochsRun, model, history };
}

describe('EarlyStopping: when it stops', () => {
  it('patience 0, min mode: stops at the first epoch without improvement', async () => {
    // e0 best 1; e1 improves; e2 is worse -> stop at epoch 2 (3 epochs run).
    const { es, epochsRun } = await run([1.0, 0.9, 0.95, 0.8], { patience: 0 });
    expect(epochsRun).toBe(3);
    expect(es.stoppedEpoch).toBe(2);
    expect(es.bestEpoch).toBe(1);
    expect(es.best).toBe(0.9);
  });

  it('an equal value is no improvement in min mode either', async () => {
    const { es } = await run([1, 1, 1], { patience: 1 });
    expect(es.stoppedEpoch).toBe(1);
    expect(es.bestEpoch).toBe(0);
  });

  it('patience 2: an improvement restarts the count', async () => {
    // e2 wait 1, e3 improves (wait 0), e4 wait 1, e5 wait 2 -> stop at 5.
    const { es, epochsRun } = await run([1, 0.9, 0.91, 0.85, 0.86, 0.87, 0.5], { patience: 2 });
    expect(es.stoppedEpoch).toBe(5);
    expect(epochsRun).toBe(6);
    expect(es.bestEpoch).toBe(3);
  });

  it('never stops while the quantity keeps improving', async () => {
    const { es, epochsRun } = await run([5, 4, 3, 2, 1], { patience: 0 });
    expect(epochsRun).toBe(5);
    expect(es.stoppedEpoch).toBe(0);
    expect(es.bestEpoch).toBe(4);
  });

  it("auto mode maximises names with 'acc': an equal value is no improvement", async () => {
    const { es } = await run([0.5, 0.6, 0.6, 0.55, 0.7], { monitor: 'val_accuracy', patience: 1 }, 'val_accuracy');
    expect(es.direction).toBe('max');
    expect(es.stoppedEpoch).toBe(2);
    expect(es.bestEpoch).toBe(1);
  });

  it("explicit mode 'max' on a loss-named key, and 'min' on an accuracy-named one", async () => {
    const up = await run([1, 2, 3, 2], { mode: 'max', patience: 0 });
    expect(up.es.stoppedEpoch).toBe(3);
    const down = await run([0.9, 0.8, 0.85], { monitor: 'val_accuracy', mode: 'min', patience: 0 }, 'val_accuracy');
    expect(down.es.stoppedEpoch).toBe(2);
  });

  it('auto mode picks the direction from the name', () => {
    const dir = (monitor: string) => new EarlyStopping({ monitor }).direction;
    expect(dir('val_loss')).toBe('min');
    expect(dir('mae')).toBe('min');
    expect(dir('accuracy')).toBe('max');
    expect(dir('val_categorical_accuracy')).toBe('max');
    expect(dir('val_auc')).toBe('max');
    expect(dir('val_AUC')).toBe('max');
  });

  it('minDelta: smaller changes do not count as improvements', async () => {
    // 0.95 is not below 1.0 - 0.1 -> stop at 1 with patience 1.
    expect((await run([1.0, 0.95, 0.85, 0.8], { minDelta: 0.1, patience: 1 })).es.stoppedEpoch).toBe(1);
    // Same series with minDelta 0 keeps improving.
    expect((await run([1.0, 0.95, 0.85, 0.8], { minDelta: 0, patience: 1 })).es.stoppedEpoch).toBe(0);
    // 0.85 improves on 1.0 by more than 0.1; 0.8 does not improve on 0.85 by 0.1 -> stop at 2.
    const r = await run([1.0, 0.85, 0.8, 0.7], { minDelta: 0.1, patience: 1 });
    expect(r.es.stoppedEpoch).toBe(2);
    expect(r.es.best).toBe(0.85);
    // In max mode the delta goes the other way.
    const m = await run([0.5, 0.55, 0.7, 0.75], { monitor: 'acc', minDelta: 0.1, patience: 1 }, 'acc');
    expect(m.es.stoppedEpoch).toBe(1);
  });

  it('baseline: the count only restarts once the baseline is beaten', async () => {
    // Without a baseline: e2 wait 1, e3 wait 2 -> stop at 3.
    expect((await run([1, 0.9, 0.95, 0.96, 0.97], { patience: 2 })).es.stoppedEpoch).toBe(3);
    // Baseline 0.5 is never beaten, so the count from e0 never restarts: e2 wait 3 -> stop at 2.
    expect((await run([1, 0.9, 0.95, 0.96, 0.97], { patience: 2, baseline: 0.5 })).es.stoppedEpoch).toBe(2);
    // Baseline 0.95 is beaten at e1 (wait 0), then e2 wait 1, e3 wait 2 -> stop at 3.
    expect((await run([1, 0.9, 0.92, 0.93, 0.94], { patience: 2, baseline: 0.95 })).es.stoppedEpoch).toBe(3);
  });

  it('startFromEpoch: earlier epochs are ignored', async () => {
    expect((await run([1, 2, 3, 2.5, 3], { patience: 0 })).es.stoppedEpoch).toBe(1);
    const r = await run([1, 2, 3, 2.5, 3], { patience: 0, startFromEpoch: 2 });
    expect(r.es.stoppedEpoch).toBe(4);
    expect(r.es.bestEpoch).toBe(3);
  });

  it('a missing monitored key warns once, naming the key and the available ones, and never stops', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = makeFakeModel();
    const es = new EarlyStopping({ patience: 0 });
    const { epochsRun } = await simulate(model, [es], { epochLogs: [{ loss: 1, accuracy: 0.5 }, { loss: 2, accuracy: 0.4 }, { loss: 3, accuracy: 0.3 }] });
    expect(epochsRun).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0][0]);
    expect(message).toContain('`val_loss`');
    expect(message).toContain('loss,accuracy');
  });

  it('can be reused: a second fit starts afresh', async () => {
    const model = makeFakeModel();
    const es = new EarlyStopping({ patience: 0 });
    expect((await simulate(model, [es], { epochLogs: series([1, 2, 3]) })).epochsRun).toBe(2);
    expect((await simulate(model, [es], { epochLogs: series([3, 2, 1]) })).epochsRun).toBe(3);
    expect(es.stoppedEpoch).toBe(0);
  });
});

describe('EarlyStopping: restoreBestWeights', () => {
  it('puts back the weights of the best epoch when stopping, before later callbacks see the epoch end', async () => {
    const model = makeFakeModel();
    const es = new EarlyStopping({ patience: 2, restoreBestWeights: true });
    const seenAtStop: number[][][] = [];
    const after = new LambdaCallback({ onEpochEnd: () => void (model.stopTraining && seenAtStop.push(model.values())) });
    // Weights during epoch e are e + 1; the best epoch is 1, so the restored weights are 2 (and 20).
    const { epochsRun } = await simulate(model, [es, after], { epochLogs: series([1, 0.5, 0.7, 0.8, 0.1]) });
    expect(epochsRun).toBe(4);
    expect(es.bestEpoch).toBe(1);
    expect(model.values()).toEqual([[2, 2], [20]]);
    expect(seenAtStop).toEqual([[[2, 2], [20]]]);
  });

  it('puts them back at the end of training when it never stopped', async () => {
    const model = makeFakeModel();
    const es = new EarlyStopping({ patience: 5, restoreBestWeights: true });
    await simulate(model, [es], { epochLogs: series([1, 0.5, 0.7]) });
    expect(model.values()).toEqual([[2, 2], [20]]);
  });

  it('in max mode, with the best epoch last', async () => {
    const model = makeFakeModel();
    const es = new EarlyStopping({ monitor: 'val_acc', patience: 1, restoreBestWeights: true });
    await simulate(model, [es], { epochLogs: series([0.1, 0.9, 0.3, 0.2], 'val_acc') });
    expect(model.values()).toEqual([[2, 2], [20]]);
    const model2 = makeFakeModel();
    await simulate(model2, [new EarlyStopping({ monitor: 'val_acc', patience: 3, restoreBestWeights: true })], {
      epochLogs: series([0.1, 0.2, 0.3], 'val_acc'),
    });
    expect(model2.values()).toEqual([[3, 3], [30]]);
  });

  it('leaves the last weights when off', async () => {
    const model = makeFakeModel();
    await simulate(model, [new EarlyStopping({ patience: 1 })], { epochLogs: series([1, 0.5, 0.7, 0.8]) });
    expect(model.values()).toEqual([[3, 3], [30]]);
  });

  it('frees its weight copies: no tensor outlives training', async () => {
    const model = makeFakeModel();
    const before = memory().numTensors;
    const es = new EarlyStopping({ patience: 3, restoreBestWeights: true });
    await simulate(model, [es], { epochLogs: series([1, 0.9, 0.8, 0.85, 0.7, 0.75, 0.76, 0.77, 0.78]) });
    expect(es.stoppedEpoch).toBe(7);
    expect(model.values()).toEqual([[5, 5], [50]]);
    expect(memory().numTensors).toBe(before);
  });
});

describe('EarlyStopping: arguments', () => {
  it('has Keras defaults', () => {
    const es = new EarlyStopping();
    expect([es.monitor, es.minDelta, es.patience, es.mode, es.baseline, es.restoreBestWeights, es.startFromEpoch]).toEqual([
      'val_loss', 0, 0, 'auto', null, false, 0,
    ]);
  });

  it('rejects bad arguments with a NeuriteError naming them', () => {
    const bad: [unknown, RegExp][] = [
      [{ patience: -1 }, /EarlyStopping: patience must be an integer >= 0. Received: patience=-1/],
      [{ patience: 1.5 }, /patience=1.5/],
      [{ minDelta: -0.1 }, /EarlyStopping: minDelta must be a finite number >= 0. Received: minDelta=-0.1/],
      [{ mode: 'up' }, /EarlyStopping: mode must be one of 'auto', 'min', 'max'. Received: mode='up'/],
      [{ baseline: Number.NaN }, /baseline=NaN/],
      [{ restoreBestWeights: 1 }, /restoreBestWeights must be a boolean/],
      [{ monitor: '' }, /monitor must be a non-empty string/],
      [{ restore_best_weights: true }, /EarlyStopping: unknown option 'restore_best_weights'/],
    ];
    for (const [args, message] of bad) {
      expect(() => new EarlyStopping(args as never)).toThrow(NeuriteError);
      expect(() => new EarlyStopping(args as never)).toThrow(message);
    }
  });
});
