import '@neurite/backend-cpu';
import { NeuriteError } from '@neurite/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReduceLROnPlateau } from '../src/callbacks/index.js';
import { ExponentialDecay } from '../src/optimizers/schedules/exponential-decay.js';
import { SGD } from '../src/optimizers/sgd.js';
import { makeFakeModel, series, simulate } from './callbacks-fixtures.js';

afterEach(() => vi.restoreAllMocks());

/** The learning rate after each epoch, recorded by a probe callback placed after ReduceLROnPlateau. */
async function lrTrace(values: number[], args: ConstructorParameters<typeof ReduceLROnPlateau>[0], lr = 0.1, key = 'val_loss') {
  const model = makeFakeModel({ learningRate: lr });
  const cb = new ReduceLROnPlateau(args);
  const after: number[] = [];
  const probe = { onEpochEnd: () => void after.push(model.optimizer.learningRate as number) } as never;
  const { history } = await simulate(model, [cb, probe], { epochLogs: series(values, key) });
  return { after, logged: history.history.learning_rate, cb };
}

describe('ReduceLROnPlateau', () => {
  it('reduces after `patience` flat epochs, waits out the cooldown, and stops at minLr', async () => {
    // Hand trace (factor 0.5, patience 2, cooldown 1, minLr 0.01, a flat loss):
    // e0 best; e1 wait 1; e2 wait 2 -> 0.05 (cooldown 1); e3 cooldown ends, wait 1; e4 wait 2 -> 0.025;
    // e5 wait 1; e6 -> 0.0125; e7 wait 1; e8 -> max(0.00625, 0.01) = 0.01; then it stays at minLr.
    const { after, logged } = await lrTrace(Array(11).fill(1), { factor: 0.5, patience: 2, cooldown: 1, minLr: 0.01, minDelta: 0 });
    expect(after).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.01, 0.01, 0.01]);
    // The rate in the logs is the one used during the epoch (before any reduction), as Keras logs it.
    expect(logged).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.01, 0.01]);
  });

  it('without cooldown, reduces every `patience` epochs', async () => {
    const { after } = await lrTrace(Array(7).fill(1), { factor: 0.5, patience: 2 });
    expect(after).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125]);
  });

  it('a longer cooldown suppresses counting for that many epochs', async () => {
    // patience 1, cooldown 2: e0 best; e1 -> 0.05 (cd 2); e2 cd 1; e3 cd 0 then counts, wait 1 -> 0.025.
    const { after } = await lrTrace(Array(5).fill(1), { factor: 0.5, patience: 1, cooldown: 2 });
    expect(after).toEqual([0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('improvements reset the wait; minDelta decides what improves', async () => {
    // Steady improvement by 0.1: never reduces.
    expect((await lrTrace([1, 0.9, 0.8, 0.7, 0.6], { patience: 1 })).after).toEqual([0.1, 0.1, 0.1, 0.1, 0.1]);
    // Improvements of 1e-5 are below the default minDelta 1e-4: reduces at e1 with patience 1.
    expect((await lrTrace([1, 0.99999, 0.99998], { patience: 1, factor: 0.5 })).after).toEqual([0.1, 0.05, 0.025]);
    // With minDelta 0 they count.
    expect((await lrTrace([1, 0.99999, 0.99998], { patience: 1, minDelta: 0 })).after).toEqual([0.1, 0.1, 0.1]);
  });

  it('maximises accuracy names in auto mode', async () => {
    const rising = await lrTrace([0.5, 0.6, 0.7, 0.8], { monitor: 'val_accuracy', patience: 1 }, 0.1, 'val_accuracy');
    expect(rising.cb.direction).toBe('max');
    expect(rising.after).toEqual([0.1, 0.1, 0.1, 0.1]);
    const falling = await lrTrace([0.8, 0.7, 0.6], { monitor: 'val_accuracy', patience: 1, factor: 0.5 }, 0.1, 'val_accuracy');
    expect(falling.after).toEqual([0.1, 0.05, 0.025]);
  });

  it("changes a real optimizer's learningRate", async () => {
    const opt = new SGD({ learningRate: 0.2 });
    const model = makeFakeModel(opt as never);
    await simulate(model, [new ReduceLROnPlateau({ patience: 1, factor: 0.5 })], { epochLogs: series([1, 1, 1]) });
    expect(opt.learningRate).toBe(0.05);
    expect(opt.currentLearningRate()).toBe(0.05);
  });

  it('warns once and does nothing when the learning rate is a schedule', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const schedule = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 });
    const opt = new SGD({ learningRate: schedule });
    const model = makeFakeModel(opt as never);
    await simulate(model, [new ReduceLROnPlateau({ patience: 0 })], { epochLogs: series([1, 1, 1, 1]) });
    expect(opt.learningRate).toBe(schedule);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/ReduceLROnPlateau: .*schedule/);
  });

  it('warns once about a missing monitored key, naming the available ones', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = makeFakeModel();
    await simulate(model, [new ReduceLROnPlateau({ patience: 0 })], { epochLogs: [{ loss: 1 }, { loss: 1 }, { loss: 1 }] });
    expect(model.optimizer.learningRate).toBe(0.1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('`val_loss`');
    expect(String(warn.mock.calls[0][0])).toContain('Available metrics are: loss');
  });

  it('rejects bad arguments and an optimizer without a learning rate', async () => {
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/ReduceLROnPlateau: factor must be a number in \(0, 1\). Received: factor=1/);
    expect(() => new ReduceLROnPlateau({ factor: 0 })).toThrow(NeuriteError);
    expect(() => new ReduceLROnPlateau({ cooldown: -1 })).toThrow(/cooldown must be an integer >= 0/);
    expect(() => new ReduceLROnPlateau({ minLr: -1 })).toThrow(/minLr must be a finite number >= 0/);
    expect(() => new ReduceLROnPlateau({ mode: 'down' as never })).toThrow(/mode must be one of/);
    expect(() => new ReduceLROnPlateau({ min_lr: 0 } as never)).toThrow(/unknown option 'min_lr'/);
    const model = makeFakeModel();
    (model as { optimizer: unknown }).optimizer = {};
    await expect(simulate(model, [new ReduceLROnPlateau()], { epochLogs: series([1]) })).rejects.toThrow(/must have a learningRate property/);
  });

  it('has Keras defaults', () => {
    const cb = new ReduceLROnPlateau();
    expect([cb.monitor, cb.factor, cb.patience, cb.mode, cb.minDelta, cb.cooldown, cb.minLr]).toEqual(['val_loss', 0.1, 10, 'auto', 1e-4, 0, 0]);
  });
});
