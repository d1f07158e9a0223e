import { SeededStream } from './random.js';

export type TwoDKind = 'circle' | 'xor' | 'gaussians' | 'spiral';

/** Points in [-1, 1]² (before noise) with their class, 0 or 1. */
export interface PointSet {
  /** x, y of each point, interleaved: 2n numbers. */
  points: Float32Array;
  labels: Int32Array;
}

/**
 * n points of one of TensorFlow Playground's classic 2-D sets, with Gaussian noise of standard deviation
 * `noise` added to the coordinates. The same seed gives the same points.
 */
export function makeTwoD(kind: TwoDKind, n: number, noise: number, seed: number): PointSet {
  const rng = new SeededStream(seed);
  const u = rng.uniforms(2 * n);
  const jitter = rng.normals(2 * n);
  const points = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    let x: number;
    let y: number;
    const a = u[2 * i];
    const b = u[2 * i + 1];
    switch (kind) {
      case 'circle': {
        // inner disc (class 1) of radius 0.45, outer ring (class 0) from 0.6 to 0.95
        const r = label === 1 ? 0.45 * Math.sqrt(a) : 0.6 + 0.35 * a;
        x = r * Math.cos(2 * Math.PI * b);
        y = r * Math.sin(2 * Math.PI * b);
        break;
      }
      case 'xor': {
        x = 2 * a - 1;
        y = 2 * b - 1;
        // keep points off the axes a little, so the quadrants are learnable
        x += Math.sign(x) * 0.05;
        y += Math.sign(y) * 0.05;
        labels[i] = x * y > 0 ? 1 : 0;
        points[2 * i] = x + noise * jitter[2 * i];
        points[2 * i + 1] = y + noise * jitter[2 * i + 1];
        continue;
      }
      case 'gaussians': {
        // two round clouds; the noise widens them until they overlap
        const c = label === 1 ? 0.45 : -0.45;
        const spread = 0.2 + 0.5 * noise;
        labels[i] = label;
        points[2 * i] = c + spread * jitter[2 * i];
        points[2 * i + 1] = c + spread * jitter[2 * i + 1];
        continue;
      }
      case 'spiral': {
        // two arms, half a turn apart
        const t = a * 2.6 * Math.PI;
        const r = 0.1 + (0.85 * t) / (2.6 * Math.PI);
        const phase = label === 1 ? Math.PI : 0;
        x = r * Math.cos(t + phase);
        y = r * Math.sin(t + phase);
        break;
      }
    }
    labels[i] = label;
    points[2 * i] = x + noise * jitter[2 * i];
    points[2 * i + 1] = y + noise * jitter[2 * i + 1];
  }
  return { points, labels };
}

/** Splits a set into train and test with a seeded shuffle: `testFraction` of it (at least one point) to test. */
export function splitSet(set: PointSet, testFraction: number, seed: number): { train: PointSet; test: PointSet } {
  const n = set.labels.length;
  const order = new SeededStream(seed ^ 0x5bd1e995).permutation(n);
  const nTest = Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
  const pick = (from: number, to: number): PointSet => {
    const idx = order.subarray(from, to);
    const points = new Float32Array(2 * idx.length);
    const labels = new Int32Array(idx.length);
    idx.forEach((src, i) => {
      points[2 * i] = set.points[2 * src];
      points[2 * i + 1] = set.points[2 * src + 1];
      labels[i] = set.labels[src];
    });
    return { points, labels };
  };
  return { test: pick(0, nTest), train: pick(nTest, n) };
}
