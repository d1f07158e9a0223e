import { fill, randomNormalValues, resolveSeed, tensor, type DType, type Tensor } from '@neurite/tensor';
import { registerInitializer, type InitializerConfig } from './initializer.js';
import { RandomInitializer } from './random-initializer.js';
import { argumentError, checkConfig, checkFinite } from './argument-checks.js';
import { orthonormalQ } from './householder-qr.js';

export interface OrthogonalConfig {
  /** Multiplies the orthogonal matrix (default 1). */
  gain?: number;
  /** An integer makes every call give the same values. */
  seed?: number | null;
}

/**
 * Keras's `Orthogonal`: the shape is flattened to [prod(shape[:-1]), shape[-1]]; a normal matrix of
 * [max, min] of those is drawn as the tensor core's `randomNormal` draws it, and its QR's Q
 * (sign-corrected so R's diagonal is positive), transposed when there are fewer rows than columns, times
 * `gain`, is the value. The result has orthonormal rows or columns, whichever are fewer: WᵀW = gain² I or
 * WWᵀ = gain² I. The draw and the QR (Householder, float64) run on the host: this is one-off setup work, a
 * small host QR beats a long chain of tiny kernels, and nothing is read back from the device, so it
 * works on backends that only read asynchronously (WebGPU).
 */
export class Orthogonal extends RandomInitializer {
  static override className = 'Orthogonal';
  readonly gain: number;

  constructor(config?: OrthogonalConfig) {
    const c = checkConfig('Orthogonal', config, ['gain', 'seed']);
    super('Orthogonal', c.seed);
    this.gain = checkFinite('Orthogonal', 'gain', c.gain ?? 1);
  }

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    this.checkDType(dtype);
    if (!Array.isArray(shape) || shape.length < 2) {
      throw argumentError('Orthogonal', 'shape', 'of rank 2 or more (the tensor to initialize must be at least 2-D)', shape);
    }
    const cols = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((p, d) => p * d, 1);
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    if (n === 0) return fill(shape, 0, dtype);
    // the same values randomNormal([m, n], { seed }) gives on every backend
    const { key, stream } = resolveSeed('Orthogonal', this.opSeed);
    const draw = randomNormalValues({ shape: [m, n], mean: 0, stddev: 1, key: [...key], stream: [...stream] });
    const q = orthonormalQ(draw, m, n);
    const out = new Float32Array(rows * cols);
    if (rows >= cols) {
      for (let i = 0; i < q.length; i++) out[i] = this.gain * q[i];
    } else {
      // Q is cols x rows here: its transpose has orthonormal rows.
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = this.gain * q[j * n + i];
    }
    return tensor(out, shape, dtype);
  }

  override getConfig(): InitializerConfig {
    return { gain: this.gain, ...super.getConfig() };
  }
}

registerInitializer(Orthogonal, 'orthogonal', 'OrthogonalInitializer');
