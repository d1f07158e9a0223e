import '@neurite/backend-cpu';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeuriteError } from '@neurite/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { CSVLogger, type Logs } from '../src/callbacks/index.js';
import { makeFakeModel, simulate } from './callbacks-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'neurite-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `log-${n++}.csv`);

const logs: Logs[] = [
  { loss: 0.5, accuracy: 0.75, val_loss: 0.625, val_accuracy: 0.5 },
  { loss: 0.25, accuracy: 0.875, val_loss: 0.5, val_accuracy: 0.625 },
];

describe('CSVLogger', () => {
  it('writes a sorted header and one row per epoch', async () => {
    const file = freshPath();
    await simulate(makeFakeModel(), [new CSVLogger(file)], { epochLogs: logs });
    expect(readFileSync(file, 'utf8')).toBe(
      'epoch,accuracy,loss,val_accuracy,val_loss\n0,0.75,0.5,0.5,0.625\n1,0.875,0.25,0.625,0.5\n',
    );
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('writes the file after each epoch, not only at the end', async () => {
    const file = freshPath();
    const contents: string[] = [];
    const probe = { onEpochEnd: () => void contents.push(readFileSync(file, 'utf8')) } as never;
    await simulate(makeFakeModel(), [new CSVLogger(file), probe], { epochLogs: logs });
    expect(contents.map((c) => c.split('\n').length - 1)).toEqual([2, 3]);
  });

  it('overwrites by default; append mode adds rows under the existing header', async () => {
    const file = freshPath();
    await simulate(makeFakeModel(), [new CSVLogger(file)], { epochLogs: logs });
    await simulate(makeFakeModel(), [new CSVLogger(file)], { epochLogs: [logs[1]] });
    expect(readFileSync(file, 'utf8')).toBe('epoch,accuracy,loss,val_accuracy,val_loss\n0,0.875,0.25,0.625,0.5\n');
    await simulate(makeFakeModel(), [new CSVLogger(file, { append: true })], { epochLogs: logs });
    expect(readFileSync(file, 'utf8')).toBe(
      'epoch,accuracy,loss,val_accuracy,val_loss\n0,0.875,0.25,0.625,0.5\n0,0.75,0.5,0.5,0.625\n1,0.875,0.25,0.625,0.5\n',
    );
  });

  it('append mode writes a header when the file is missing or empty', async () => {
    const missing = freshPath();
    await simulate(makeFakeModel(), [new CSVLogger(missing, { append: true })], { epochLogs: [{ loss: 1 }] });
    expect(readFileSync(missing, 'utf8')).toBe('epoch,loss\n0,1\n');
    const empty = freshPath();
    writeFileSync(empty, '');
    await simulate(makeFakeModel(), [new CSVLogger(empty, { append: true })], { epochLogs: [{ loss: 2 }] });
    expect(readFileSync(empty, 'utf8')).toBe('epoch,loss\n0,2\n');
  });

  it('uses the separator, writes NA for missing keys and nan/inf as Python does', async () => {
    const file = freshPath();
    await simulate(makeFakeModel(), [new CSVLogger(file, { separator: ';' })], {
      epochLogs: [{ loss: 1, mae: 0.5 }, { loss: Number.NaN }, { loss: Infinity, mae: -Infinity }],
    });
    expect(readFileSync(file, 'utf8')).toBe('epoch;loss;mae\n0;1;0.5\n1;nan;NA\n2;inf;-inf\n');
  });

  it('adds val_ columns up front when validation runs later than the first epoch', async () => {
    const file = freshPath();
    await simulate(makeFakeModel(), [new CSVLogger(file)], {
      epochLogs: [{ loss: 1, accuracy: 0.5 }, { loss: 0.5, accuracy: 0.75, val_loss: 0.25, val_accuracy: 0.5 }],
      metrics: ['loss', 'accuracy', 'val_loss', 'val_accuracy'],
    });
    expect(readFileSync(file, 'utf8')).toBe('epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,1,NA,NA\n1,0.75,0.5,0.5,0.25\n');
  });

  it('a failed write throws a clear error and leaves the previous file intact', async () => {
    const file = freshPath();
    const logger = new CSVLogger(file);
    logger.setModel(makeFakeModel());
    await logger.onTrainBegin();
    await logger.onEpochEnd(0, { loss: 1 });
    const before = readFileSync(file, 'utf8');
    // A directory where the temporary file would go makes the next write fail.
    const tmp = `${file}.${process.pid}.tmp`;
    mkdirSync(tmp);
    const failed = logger.onEpochEnd(1, { loss: 0.5 });
    await expect(failed).rejects.toThrow(NeuriteError);
    await expect(logger.onEpochEnd(1, { loss: 0.5 })).rejects.toThrow(/CSVLogger: cannot write '.*log-\d+\.csv' \(the previous version is left as it was\)/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(tmp)).toBe(true);
    // Once writing works again, the failed epoch has left no half row behind.
    rmSync(tmp, { recursive: true });
    await logger.onEpochEnd(2, { loss: 0.25 });
    expect(readFileSync(file, 'utf8')).toBe('epoch,loss\n0,1\n2,0.25\n');
  });

  it('reports a directory that does not exist', async () => {
    const file = join(dir, 'no-such-dir', 'log.csv');
    await expect(simulate(makeFakeModel(), [new CSVLogger(file)], { epochLogs: [{ loss: 1 }] })).rejects.toThrow(
      /CSVLogger: cannot write '.*no-such-dir.log\.csv'.*ENOENT/,
    );
  });

  it('rejects bad arguments', () => {
    expect(() => new CSVLogger('')).toThrow(/CSVLogger: filename must be a non-empty string. Received: filename=''/);
    expect(() => new CSVLogger('a.csv', { separator: ';;' })).toThrow(/separator must be one character/);
    expect(() => new CSVLogger('a.csv', { separator: '"' })).toThrow(NeuriteError);
    expect(() => new CSVLogger('a.csv', { append: 'yes' as never })).toThrow(/append must be a boolean/);
    expect(() => new CSVLogger('a.csv', { sep: ',' } as never)).toThrow(/unknown option 'sep'/);
  });
});
