import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { dispose } from '@neurite/tensor';
import { loadMnist, loadMnistAll, loadMnistFromBytes, mnistBytes } from '../src/index.js';

describe('loadMnist', () => {
  it('splits the 10,000 digits 8,000 / 2,000 with every class in both halves', () => {
    const { train, test } = loadMnist();
    expect(train.x.shape).toEqual([8000, 784]);
    expect(test.x.shape).toEqual([2000, 784]);
    expect(train.y.shape).toEqual([8000, 10]);
    for (const split of [train, test]) {
      const counts = new Array(10).fill(0);
      split.labels.forEach((l) => counts[l]++);
      // each class holds 8.6% to 11.3% of the set; a shuffled split keeps that within a few points
      for (const c of counts) expect(c / split.labels.length).toBeGreaterThan(0.06);
    }
    const ys = train.y.dataSync();
    for (let i = 0; i < 50; i++) expect(ys[i * 10 + train.labels[i]]).toBe(1);
    const px = train.x.dataSync();
    expect(Math.min(...px.subarray(0, 7840))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...px.subarray(0, 7840))).toBeLessThanOrEqual(1);
    dispose([train, test]);
  });

  it('is reproducible for a seed and different across seeds', () => {
    const a = loadMnist({ seed: 1 });
    const b = loadMnist({ seed: 1 });
    const c = loadMnist({ seed: 2 });
    expect(Array.from(a.train.labels.subarray(0, 100))).toEqual(Array.from(b.train.labels.subarray(0, 100)));
    expect(Array.from(a.train.labels.subarray(0, 100))).not.toEqual(Array.from(c.train.labels.subarray(0, 100)));
    dispose([a, b, c]);
  });

  it('gives images for convolutional models and rejects bad options', () => {
    const all = loadMnistAll('image');
    expect(all.x.shape).toEqual([10000, 28, 28, 1]);
    dispose(all);
    expect(() => loadMnist({ trainSize: 10000 })).toThrow(/trainSize must be an integer in \[1, 9999\]. Received: trainSize=10000/);
    expect(() => loadMnist({ shape: 'cube' as never })).toThrow(/shape must be 'flat' or 'image'/);
  });
});

describe('MNIST as bytes, for the browser', () => {
  it('mnistBytes and loadMnistFromBytes give the split of loadMnist, pixels within half a step of 1/255', () => {
    const bytes = mnistBytes();
    expect(bytes.pixels.length).toBe(10000 * 784);
    expect(bytes.labels.length).toBe(10000);
    const fromBytes = loadMnistFromBytes(bytes, { seed: 3, trainSize: 9000 });
    const direct = loadMnist({ seed: 3, trainSize: 9000 });
    expect(Array.from(fromBytes.train.labels)).toEqual(Array.from(direct.train.labels));
    expect(Array.from(fromBytes.test.labels)).toEqual(Array.from(direct.test.labels));
    const a = fromBytes.test.x.dataSync();
    const b = direct.test.x.dataSync();
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    dispose([fromBytes, direct]);
  });

  it('names what is wrong with the bytes or the options', () => {
    const pixels = new Uint8Array(784 * 3);
    expect(() => loadMnistFromBytes({ pixels, labels: new Uint8Array(2) })).toThrow(/bytes\.pixels must hold 784 bytes for each of the 2 labels \(1568\)\. Received: 2352 bytes/);
    expect(() => loadMnistFromBytes({ pixels, labels: Uint8Array.from([1, 2, 12]) })).toThrow(/labels must be classes 0 to 9\. Received: labels\[2\]=12/);
    expect(() => loadMnistFromBytes({ pixels, labels: new Uint8Array(3) }, { seeed: 1 } as never)).toThrow(/loadMnistFromBytes: unknown option 'seeed' \(did you mean 'seed'\?\)/);
    expect(() => loadMnist({ train_size: 10 } as never)).toThrow(/loadMnist: unknown option 'train_size' \(use trainSize/);
  });
});
