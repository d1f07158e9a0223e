// Shared helpers for the model and training tests.
import { Layer, type CallOptions, type LayerShape } from '@neurite/layers';
import { add, type Tensor } from '@neurite/tensor';

/** A two-input layer (no merge layers exist yet): elementwise sum of its inputs. */
export class AddTwo extends Layer {
  static override className = 'AddTwo';

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const [a, b] = inputs as Tensor[];
    return add(a, b);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return (inputShape as LayerShape[])[0];
  }
}

/** The rows of a 2-D tensor as plain arrays. */
export function rows(t: Tensor): number[][] {
  return t.arraySync() as number[][];
}

/** x · W + b in plain JS, for checking outputs independently. */
export function denseRef(x: number[][], w: number[][], b: number[]): number[][] {
  return x.map((row) => b.map((bias, j) => row.reduce((s, v, k) => s + v * w[k][j], bias)));
}

/** A deterministic pseudo-random stream in [-1, 1) (mulberry32), for test data. */
export function rand(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** An n × d matrix of pseudo-random values. */
export function matrix(n: number, d: number, seed: number): number[][] {
  const r = rand(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => r()));
}
