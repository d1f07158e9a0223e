import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { dispose } from '@neurite/tensor';
import { loadMnist, loadMnistAll } from '../src/index.js';

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
