import {
  NeuriteError, abs, cast, div, eye, matMul, maximum, mul, rsqrt, scalar, square, sub, sum, type Tensor,
} from '@neurite/tensor';
import { Regularizer, checkFactor, type RegularizerConfig } from './regularizer.js';
import { registerRegularizer } from './serialization.js';
import { checkConfig, describeValue } from './config-checks.js';

export type OrthogonalMode = 'rows' | 'columns';

export interface OrthogonalRegularizerConfig {
  /** The penalty factor (default 0.01, as Keras). */
  factor?: number;
  /** Which vectors should be orthogonal to each other: the rows (default) or the columns. */
  mode?: OrthogonalMode;
}

/**
 * Keras's `OrthogonalRegularizer`: pushes the rows (or columns) of a rank-2 weight towards being
 * mutually orthogonal. Each vector is L2-normalised, and the penalty is
 * `factor * mean over pairs i < j of |cos(v_i, v_j)|`, computed as Keras does:
 * `factor * 0.5 * sum(|offdiag(V Vᵀ)|) / (n (n - 1) / 2)`. With one vector (n = 1) there are no pairs:
 * the penalty is 0 here (Keras divides 0 by 0 and returns NaN).
 */
export class OrthogonalRegularizer extends Regularizer {
  static override className = 'OrthogonalRegularizer';
  readonly factor: number;
  readonly mode: OrthogonalMode;

  constructor(config?: OrthogonalRegularizerConfig) {
    super();
    const { factor = 0.01, mode = 'rows' } = checkConfig('OrthogonalRegularizer', config, ['factor', 'mode']);
    this.factor = checkFactor('OrthogonalRegularizer', 'factor', factor);
    if (mode !== 'rows' && mode !== 'columns') {
      throw new NeuriteError(
        `OrthogonalRegularizer: mode must be 'rows' or 'columns'. Received: mode=${describeValue(mode)}`,
      );
    }
    this.mode = mode;
  }

  apply(x: Tensor): Tensor {
    if (x.rank !== 2) {
      throw new NeuriteError(
        `OrthogonalRegularizer: inputs must have rank 2. Received: inputs.shape=[${x.shape.join(', ')}]`,
      );
    }
    const rows = this.mode === 'rows';
    const n = rows ? x.shape[0] : x.shape[1];
    if (n < 2) return scalar(0);
    // Unit vectors along the other axis; the 1e-12 floor (Keras's) keeps a zero vector at zero, not NaN.
    const w = cast(x, 'float32');
    const squares = sum(square(w), { axis: rows ? 1 : 0, keepDims: true });
    const unit = mul(w, rsqrt(maximum(squares, 1e-12)));
    const gram = rows ? matMul(unit, unit, { transposeB: true }) : matMul(unit, unit, { transposeA: true });
    const offDiagonal = mul(gram, sub(1, eye(n)));
    const pairs = (n * (n - 1)) / 2;
    return mul(div(sum(abs(offDiagonal)), pairs), this.factor * 0.5);
  }

  getConfig(): RegularizerConfig {
    return { factor: this.factor, mode: this.mode };
  }
}

registerRegularizer(OrthogonalRegularizer, 'orthogonal_regularizer');
