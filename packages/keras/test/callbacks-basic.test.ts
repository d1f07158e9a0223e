import '@neurite/backend-cpu';
import { NeuriteError } from '@neurite/tensor';
import { describe, expect, it } from 'vitest';
import { Callback, CallbackList, History, LambdaCallback, TerminateOnNaN, type Logs, type TrainParams } from '../src/callbacks/index.js';
import { makeFakeModel, series, simulate } from './callbacks-fixtures.js';

const params: TrainParams = { epochs: 1, steps: 1, samples: 1, batchSize: 1, verbose: 0, metrics: [] };

/** Records every hook it sees as `name:tag(args)`. */
class Recorder extends Callback {
  constructor(private readonly tag: string, private readonly log: string[]) {
    super();
  }
  override onTrainBegin() { this.log.push(`${this.tag}:trainBegin`); }
  override onEpochBegin(e: number) { this.log.push(`${this.tag}:epochBegin(${e})`); }
  override onTrainBatchBegin(b: number) { this.log.push(`${this.tag}:batchBegin(${b})`); }
  override onTrainBatchEnd(b: number) { this.log.push(`${this.tag}:batchEnd(${b})`); }
  override onEpochEnd(e: number) { this.log.push(`${this.tag}:epochEnd(${e})`); }
  override onTrainEnd() { this.log.push(`${this.tag}:trainEnd`); }
  override onTestBegin() { this.log.push(`${this.tag}:testBegin`); }
  override onTestEnd() { this.log.push(`${this.tag}:testEnd`); }
  override onPredictBegin() { this.log.push(`${this.tag}:predictBegin`); }
  override onPredictEnd() { this.log.push(`${this.tag}:predictEnd`); }
}

describe('CallbackList', () => {
  it('forwards every hook to every callback in order', async () => {
    const log: string[] = [];
    const list = new CallbackList([new Recorder('a', log), new Recorder('b', log)]);
    await list.onTrainBegin();
    await list.onEpochBegin(0);
    await list.onTrainBatchBegin(0);
    await list.onTrainBatchEnd(0);
    await list.onEpochEnd(0);
    await list.onTrainEnd();
    await list.onTestBegin();
    await list.onTestEnd();
    await list.onPredictBegin();
    await list.onPredictEnd();
    const hooks = ['trainBegin', 'epochBegin(0)', 'batchBegin(0)', 'batchEnd(0)', 'epochEnd(0)', 'trainEnd', 'testBegin', 'testEnd', 'predictBegin', 'predictEnd'];
    expect(log).toEqual(hooks.flatMap((h) => [`a:${h}`, `b:${h}`]));
  });

  it('awaits an async hook before calling the next callback, and stays synchronous otherwise', async () => {
    const log: string[] = [];
    const slow = new LambdaCallback({
      onEpochEnd: async (epoch) => {
        await new Promise((r) => setTimeout(r, 5));
        log.push(`slow:${epoch}`);
      },
    });
    const list = new CallbackList([new Recorder('a', log), slow, new Recorder('b', log)]);
    const pending = list.onEpochEnd(3);
    expect(pending).toBeInstanceOf(Promise);
    expect(log).toEqual(['a:epochEnd(3)']);
    await pending;
    expect(log).toEqual(['a:epochEnd(3)', 'slow:3', 'b:epochEnd(3)']);
    // All-synchronous hooks return nothing to await.
    expect(list.onTrainBatchEnd(0)).toBeUndefined();
  });

  it('propagates a rejected async hook', async () => {
    const list = new CallbackList([new LambdaCallback({ onTrainBegin: async () => { throw new Error('boom'); } })]);
    await expect(list.onTrainBegin()).rejects.toThrow('boom');
  });

  it('sets the model and params on every callback, including ones appended later', () => {
    const model = makeFakeModel();
    const a = new History();
    const list = new CallbackList([a], { model, params });
    expect(a.model).toBe(model);
    expect(a.params).toBe(params);
    const b = new History();
    list.append(b);
    expect(b.model).toBe(model);
    expect(b.params).toBe(params);
    const model2 = makeFakeModel();
    list.setModel(model2);
    expect([a.model, b.model]).toEqual([model2, model2]);
  });

  it('rejects what is not a callback', () => {
    expect(() => new CallbackList([null as never])).toThrow(/CallbackList: callbacks\[0\] must be a Callback. Received: callbacks\[0\]=null/);
    expect(() => new CallbackList('x' as never)).toThrow(NeuriteError);
  });
});

describe('History', () => {
  it('records each key per epoch, and the epochs', async () => {
    const logs: Logs[] = [{ loss: 3, accuracy: 0.1 }, { loss: 2, accuracy: 0.2, val_loss: 2.5 }, { loss: 1, accuracy: 0.3, val_loss: 1.5 }];
    const { history } = await simulate(makeFakeModel(), [], { epochLogs: logs });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(history.history).toEqual({ loss: [3, 2, 1], accuracy: [0.1, 0.2, 0.3], val_loss: [2.5, 1.5] });
  });

  it('keeps its own copies: later changes to the logs do not alter it', () => {
    const h = new History();
    const logs = { loss: 1 };
    h.onTrainBegin();
    h.onEpochEnd(0, logs);
    logs.loss = 99;
    expect(h.history.loss).toEqual([1]);
  });
});

describe('TerminateOnNaN', () => {
  for (const bad of [Number.NaN, Infinity, -Infinity]) {
    it(`stops after the batch whose loss is ${bad}, printing the batch`, async () => {
      const printed: string[] = [];
      const model = makeFakeModel();
      const seen: string[] = [];
      const probe = new LambdaCallback({ onBatchEnd: (b, l) => void seen.push(`${b}:${l?.loss}`) });
      const losses = [[0.5, 0.4, 0.3], [0.2, bad, 0.1], [0.05, 0.04, 0.03]];
      const { epochsRun, history } = await simulate(model, [new TerminateOnNaN({ print: (m) => printed.push(m) }), probe], {
        epochLogs: series([1, 1, 1]),
        steps: 3,
        batchLogs: (e, b) => ({ loss: losses[e][b] }),
      });
      expect(printed).toEqual(['Batch 1: Invalid loss, terminating training']);
      expect(model.stopTraining).toBe(true);
      expect(epochsRun).toBe(2);
      expect(seen).toEqual(['0:0.5', '1:0.4', '2:0.3', '0:0.2', `1:${bad}`]);
      expect(history.epoch).toEqual([0, 1]);
    });
  }

  it('lets finite losses train to the end', async () => {
    const model = makeFakeModel();
    const { epochsRun } = await simulate(model, [new TerminateOnNaN({ print: () => {} })], { epochLogs: series([1, 2, 3]) });
    expect(epochsRun).toBe(3);
    expect(model.stopTraining).toBe(false);
  });
});

describe('LambdaCallback', () => {
  it('calls each function with the hook arguments', async () => {
    const calls: unknown[][] = [];
    const cb = new LambdaCallback({
      onTrainBegin: (logs) => void calls.push(['trainBegin', logs]),
      onEpochBegin: (e, logs) => void calls.push(['epochBegin', e, logs]),
      onBatchBegin: (b, logs) => void calls.push(['batchBegin', b, logs]),
      onBatchEnd: (b, logs) => void calls.push(['batchEnd', b, logs]),
      onEpochEnd: (e, logs) => void calls.push(['epochEnd', e, logs]),
      onTrainEnd: (logs) => void calls.push(['trainEnd', logs]),
    });
    await simulate(makeFakeModel(), [cb], {
      epochLogs: [{ loss: 1, val_loss: 2 }, { loss: 0.5, val_loss: 1 }],
      steps: 2,
      batchLogs: (e, b) => ({ loss: 10 * e + b }),
    });
    expect(calls).toEqual([
      ['trainBegin', undefined],
      ['epochBegin', 0, undefined],
      ['batchBegin', 0, {}], ['batchEnd', 0, { loss: 0 }], ['batchBegin', 1, {}], ['batchEnd', 1, { loss: 1 }],
      ['epochEnd', 0, { loss: 1, val_loss: 2 }],
      ['epochBegin', 1, undefined],
      ['batchBegin', 0, {}], ['batchEnd', 0, { loss: 10 }], ['batchBegin', 1, {}], ['batchEnd', 1, { loss: 11 }],
      ['epochEnd', 1, { loss: 0.5, val_loss: 1 }],
      ['trainEnd', undefined],
    ]);
  });

  it('accepts the Callback hook names for batches, and only some functions', async () => {
    const batches: number[] = [];
    await simulate(makeFakeModel(), [new LambdaCallback({ onTrainBatchEnd: (b) => void batches.push(b) })], { epochLogs: series([1, 1]), steps: 3 });
    expect(batches).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('rejects non-functions, unknown names, and both names for one hook', () => {
    expect(() => new LambdaCallback({ onEpochEnd: 3 as never })).toThrow(/LambdaCallback: onEpochEnd must be a function. Received: onEpochEnd=3/);
    expect(() => new LambdaCallback({ on_epoch_end: () => {} } as never)).toThrow(/unknown option 'on_epoch_end'/);
    expect(() => new LambdaCallback({ onBatchEnd: () => {}, onTrainBatchEnd: () => {} })).toThrow(NeuriteError);
  });
});
