import '@neurite/backend-cpu';
import { NeuriteError } from '@neurite/tensor';
import { describe, expect, it } from 'vitest';
import { ProgressBar, type Logs } from '../src/callbacks/index.js';
import { formatEta, formatStepTime, formatValue } from '../src/callbacks/progress-format.js';
import { makeFakeModel, simulate } from './callbacks-fixtures.js';

/** A stream that records what is written. */
function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (c: string) => void chunks.push(c), text: () => chunks.join('') };
}

/** A clock that returns the scripted times (ms) in order. */
function clock(times: number[]) {
  const queue = [...times];
  return () => {
    if (queue.length === 0) throw new Error('clock: no more scripted times');
    return queue.shift() as number;
  };
}

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const FULL = '━'.repeat(20);

// One epoch of 4 steps. Clock reads: epoch begin 0; batches end at 1000, 1100, 1130, 1200; epoch end 1200.
// The first step (1 s) is left out of the time per step: (1200 - 1000) / 3 = 67 ms/step.
const ONE_EPOCH_TIMES = [0, 1000, 1100, 1130, 1200, 1200];
const batchLoss = [0.9, 0.8, 0.7, 0.6];

async function runOneEpoch(bar: ProgressBar, epochLogs: Logs = { loss: 0.6, accuracy: 0.91234 }) {
  await simulate(makeFakeModel(), [bar], { epochLogs: [epochLogs], steps: 4, verbose: 1, batchLogs: (_e, b) => ({ loss: batchLoss[b] }) });
}

describe('ProgressBar on a TTY', () => {
  it('redraws the bar in place with the ETA, then ends with the elapsed time and a newline', async () => {
    const stream = fakeStream(true);
    await runOneEpoch(new ProgressBar({ stream, colors: false, now: clock(ONE_EPOCH_TIMES) }));
    expect(stream.chunks).toEqual([
      // 1/4: 1 s per step so far, 3 steps left -> ETA 3s; a fifth of the bar.
      `\r1/4 ${'━'.repeat(5)}${'─'.repeat(15)} 3s 1s/step - loss: 0.9000`,
      // 2/4: (1100 - 1000) / 1 = 100 ms/step, ETA 0.2 s -> 0s.
      `\r2/4 ${'━'.repeat(10)}${'─'.repeat(10)} 0s 100ms/step - loss: 0.8000`,
      // 3/4 came 30 ms after the last redraw (< 50 ms): skipped. 4/4 is one character shorter, so padded.
      `\r4/4 ${FULL} 0s 67ms/step - loss: 0.6000 `,
      // The epoch's logs (sorted) replace the batch's; the time is now the elapsed 1.2 s -> 1s.
      `\r4/4 ${FULL} 1s 67ms/step - accuracy: 0.9123 - loss: 0.6000\n`,
    ]);
  });

  it('colours the bar by default, and the text under the colours keeps the Keras format', async () => {
    const stream = fakeStream(true);
    await runOneEpoch(new ProgressBar({ stream, now: clock(ONE_EPOCH_TIMES) }));
    const text = stream.text();
    expect(text).toContain(`\x1b[32m${'━'.repeat(5)}\x1b[0m\x1b[37m${'━'.repeat(15)}\x1b[0m`);
    const last = strip(text).split('\r').at(-1);
    expect(last).toBe(`4/4 ${FULL} 1s 67ms/step - accuracy: 0.9123 - loss: 0.6000\n`);
  });

  it('prints the epoch header when there are several epochs', async () => {
    const stream = fakeStream(true);
    const times = [0, 10, 20, 20, 100, 110, 120, 120];
    await simulate(makeFakeModel(), [new ProgressBar({ stream, colors: false, now: clock(times) })], {
      epochLogs: [{ loss: 1 }, { loss: 0.5 }],
      steps: 2,
      verbose: 1,
    });
    const lines = stream.text().split('\n');
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[1].split('\r').at(-1)).toBe(`2/2 ${FULL} 0s 10ms/step - loss: 1.0000`);
    expect(lines[2]).toMatch(/^Epoch 2\/2$/);
    expect(lines[3].split('\r').at(-1)).toBe(`2/2 ${FULL} 0s 10ms/step - loss: 0.5000`);
  });
});

describe('ProgressBar on a non-TTY stream', () => {
  it('writes only the final line of each epoch', async () => {
    const stream = fakeStream(false);
    await runOneEpoch(new ProgressBar({ stream, now: clock(ONE_EPOCH_TIMES) }));
    expect(stream.chunks).toEqual([`4/4 ${FULL} 1s 67ms/step - accuracy: 0.9123 - loss: 0.6000\n`]);
  });

  it('matches the Keras line format over many epochs (CI logs)', async () => {
    const stream = fakeStream(false);
    const epochs = 10;
    const steps = 63;
    // 20 ms per step, 5 ms between epochs.
    const times: number[] = [];
    let t = 0;
    for (let e = 0; e < epochs; e++) {
      times.push(t);
      for (let b = 0; b < steps; b++) times.push((t += 20));
      times.push(t);
      t += 5;
    }
    const epochLogs = Array.from({ length: epochs }, (_, e) => ({ loss: 1 / (e + 1), accuracy: 1 - 1 / (e + 2), val_loss: 0.0005, val_accuracy: 0.5 }));
    await simulate(makeFakeModel(), [new ProgressBar({ stream, now: clock(times) })], { epochLogs, steps, verbose: 1 });
    const lines = stream.text().split('\n');
    expect(lines.length).toBe(2 * epochs + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[4]).toBe('Epoch 3/10');
    expect(lines[5]).toBe(`63/63 ${FULL} 1s 20ms/step - accuracy: 0.7500 - loss: 0.3333 - val_accuracy: 0.5000 - val_loss: 5.0000e-04`);
    const line = /^63\/63 ━{20} \d+s \d+ms\/step( - [a-z_]+: -?\d\.\d{4}(e[+-]\d\d)?)+$/;
    for (let e = 0; e < epochs; e++) {
      expect(lines[2 * e]).toBe(`Epoch ${e + 1}/${epochs}`);
      expect(lines[2 * e + 1]).toMatch(line);
      expect(lines[2 * e + 1]).not.toContain('\r');
      expect(lines[2 * e + 1]).not.toContain('\x1b');
    }
  });

  it('verbose=2 writes one summary line per epoch', async () => {
    const stream = fakeStream(true);
    await runOneEpoch(new ProgressBar({ stream, verbose: 2, now: clock(ONE_EPOCH_TIMES) }));
    expect(stream.chunks).toEqual(['4/4 - 1s - 67ms/step - accuracy: 0.9123 - loss: 0.6000\n']);
  });

  it("follows the trainer's verbose: 0 writes nothing, 2 writes summaries", async () => {
    const quiet = fakeStream(true);
    await simulate(makeFakeModel(), [new ProgressBar({ stream: quiet, now: () => 0 })], { epochLogs: [{ loss: 1 }], verbose: 0 });
    expect(quiet.chunks).toEqual([]);
    const two = fakeStream(false);
    await simulate(makeFakeModel(), [new ProgressBar({ stream: two, now: clock([0, 500, 700, 700]) })], { epochLogs: [{ loss: 1 }], steps: 2, verbose: 2 });
    expect(two.chunks).toEqual(['2/2 - 1s - 200ms/step - loss: 1.0000\n']);
  });

  it('shows how far an epoch cut short got', async () => {
    const stream = fakeStream(false);
    const model = makeFakeModel();
    const stopper = { onTrainBatchEnd: (b: number) => void (b === 1 && (model.stopTraining = true)) } as never;
    await simulate(model, [stopper, new ProgressBar({ stream, now: clock([0, 100, 300, 300]) })], { epochLogs: [{ loss: 1 }], steps: 10, verbose: 1 });
    expect(stream.chunks).toEqual([` 2/10 ${'━'.repeat(4)}${'─'.repeat(16)} 0s 200ms/step - loss: 1.0000\n`]);
  });

  it('with no step count, counts against Unknown and learns the count from the first epoch', async () => {
    const times = [0, 100, 200, 200, 300, 400, 500, 500];
    // The fixture always passes a step count, so the hooks are driven by hand here.
    const stream = fakeStream(true);
    const bar = new ProgressBar({ stream: stream, colors: false, now: clock(times) });
    bar.setParams({ epochs: 2, steps: 0, samples: 0, batchSize: 1, verbose: 1, metrics: [] });
    bar.onTrainBegin();
    for (let e = 0; e < 2; e++) {
      bar.onEpochBegin(e);
      bar.onTrainBatchEnd(0, { loss: 1 });
      bar.onTrainBatchEnd(1, { loss: 1 });
      bar.onEpochEnd(e, { loss: 1 });
    }
    bar.onTrainEnd();
    const out = stream.text();
    expect(out).toContain('\r      1/Unknown 0s 100ms/step - loss: 1.0000');
    expect(out).toContain(`\r2/2 ${FULL} 0s 100ms/step - loss: 1.0000\n`);
    // The second epoch knows its length.
    expect(out.split('Epoch 2/2\n')[1]).toContain(`\r1/2 ${'━'.repeat(10)}${'─'.repeat(10)} 0s 100ms/step - loss: 1.0000`);
  });

  it('rejects bad arguments', () => {
    expect(() => new ProgressBar({ stream: {} as never })).toThrow(/ProgressBar: stream must be an object with a write\(chunk\) method/);
    expect(() => new ProgressBar({ verbose: 3 as never })).toThrow(NeuriteError);
    expect(() => new ProgressBar({ colors: 'yes' as never })).toThrow(/colors must be a boolean/);
  });
});

describe('progress formatting', () => {
  it('formats values like Keras', () => {
    expect(formatValue(0.91234)).toBe('0.9123');
    expect(formatValue(-1.5)).toBe('-1.5000');
    expect(formatValue(1e-4)).toBe('1.0000e-04');
    expect(formatValue(0)).toBe('0.0000e+00');
    expect(formatValue(-2.5e-7)).toBe('-2.5000e-07');
    expect(formatValue(Number.NaN)).toBe('nan');
    expect(formatValue(Infinity)).toBe('inf');
    expect(formatValue(-Infinity)).toBe('-inf');
  });

  it('formats durations like Keras', () => {
    expect(formatStepTime(0.02)).toBe('20ms/step');
    expect(formatStepTime(2.4)).toBe('2s/step');
    expect(formatStepTime(0.00035)).toBe('350us/step');
    expect(formatStepTime(0)).toBe('0s/step');
    expect(formatEta(42.9)).toBe('42s');
    expect(formatEta(65)).toBe('1:05');
    expect(formatEta(3725)).toBe('1:02:05');
  });
});
