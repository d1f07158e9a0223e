import { describe, expect, it } from 'vitest';
import { makeTwoD, splitSet, type TwoDKind } from '../src/data/two-d.js';
import { histogram, histogramData, sharedRange } from '../src/charts/bins.js';
import { gridPoints, isBlank, probabilityPixels, uncertaintyPixels, EXTENT } from '../src/charts/decision-map.js';
import { curveData, gap, type EpochRecord } from '../src/train/metrics.js';

const KINDS: TwoDKind[] = ['circle', 'xor', 'gaussians', 'spiral'];

describe('2-D data sets', () => {
  it('are reproducible for a seed, different across seeds, balanced, and inside the map', () => {
    for (const kind of KINDS) {
      const a = makeTwoD(kind, 200, 0.1, 7);
      const b = makeTwoD(kind, 200, 0.1, 7);
      const c = makeTwoD(kind, 200, 0.1, 8);
      expect(Array.from(a.points)).toEqual(Array.from(b.points));
      expect(Array.from(a.points)).not.toEqual(Array.from(c.points));
      const ones = a.labels.reduce((n, l) => n + l, 0);
      expect(ones / 200, kind).toBeGreaterThan(0.35);
      expect(ones / 200, kind).toBeLessThan(0.65);
      expect(a.points.every((v) => Math.abs(v) < EXTENT)).toBe(true);
    }
  });

  it('the circle is separable without noise: every inner point is closer to the centre than every outer one', () => {
    const { points, labels } = makeTwoD('circle', 300, 0, 1);
    const r = (i: number) => Math.hypot(points[2 * i], points[2 * i + 1]);
    const inner = [...labels.keys()].filter((i) => labels[i] === 1).map(r);
    const outer = [...labels.keys()].filter((i) => labels[i] === 0).map(r);
    expect(Math.max(...inner)).toBeLessThan(Math.min(...outer));
  });

  it('splits train and test without losing or repeating a point', () => {
    const set = makeTwoD('spiral', 101, 0.05, 3);
    const { train, test } = splitSet(set, 0.3, 3);
    expect(test.labels.length).toBe(30);
    expect(train.labels.length + test.labels.length).toBe(101);
    const key = (p: Float32Array, i: number) => `${p[2 * i]},${p[2 * i + 1]}`;
    const all = new Set([...train.labels.keys()].map((i) => key(train.points, i)).concat([...test.labels.keys()].map((i) => key(test.points, i))));
    expect(all.size).toBe(101);
  });
});

describe('chart data', () => {
  it('histograms count every value once, on bins shared by both models and symmetric around 0', () => {
    expect(histogram([-1, -0.5, 0, 0.5, 1], -1, 1, 4)).toEqual([1, 1, 1, 2]);
    expect(sharedRange([0.2, -0.7], [0.5])).toEqual([-0.7, 0.7]);
    expect(sharedRange([], [0])).toEqual([-1, 1]);
    const [centres, a, b] = histogramData([0.1, -0.2, 0.3], [0.05, 0.04], 5);
    expect(centres).toHaveLength(5);
    expect(a.reduce((x, y) => x + y)).toBe(3);
    expect(b.reduce((x, y) => x + y)).toBe(2);
  });

  it('curve data follow the history: epochs, then plain train/test and regularized train/test', () => {
    const m = (l: number) => ({ trainLoss: l, trainAccuracy: 0.9, testLoss: 2 * l, testAccuracy: 0.8 });
    const history: EpochRecord[] = [{ epoch: 0, plain: m(1), regularized: m(3) }, { epoch: 1, plain: m(0.5), regularized: m(2) }];
    expect(curveData(history, 'loss')).toEqual([[0, 1], [1, 0.5], [2, 1], [3, 2], [6, 4]]);
    expect(curveData(history, 'accuracy')[2]).toEqual([0.8, 0.8]);
    expect(gap(m(1)).loss).toBe(1);
    expect(gap(m(1)).accuracyPoints).toBeCloseTo(10, 10);
  });

  it('maps: the grid covers the square row by row from the top; sure and unsure points get different colours', () => {
    const g = gridPoints(4);
    expect(g.length).toBe(32);
    expect([g[0], g[1]]).toEqual([-EXTENT + 0.375, EXTENT - 0.375]);
    expect([g[30], g[31]]).toEqual([EXTENT - 0.375, -EXTENT + 0.375]);
    const px = probabilityPixels([0, 0.5, 1]);
    expect(Array.from(px.subarray(0, 4))).not.toEqual(Array.from(px.subarray(8, 12)));
    expect(isBlank(probabilityPixels([0.2, 0.2]))).toBe(true);
    expect(isBlank(uncertaintyPixels([0, 0.3]))).toBe(false);
  });
});
