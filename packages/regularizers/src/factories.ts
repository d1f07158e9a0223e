import { L1, type L1Config } from './l1.js';
import { L2, type L2Config } from './l2.js';
import { L1L2, type L1L2Config } from './l1l2.js';
import { OrthogonalRegularizer, type OrthogonalRegularizerConfig } from './orthogonal.js';

/** `new L1(config)`: penalty `l1 * sum(|x|)` (default l1 = 0.01). */
export function l1(config?: L1Config): L1 {
  return new L1(config);
}

/** `new L2(config)`: penalty `l2 * sum(x²)` (default l2 = 0.01). */
export function l2(config?: L2Config): L2 {
  return new L2(config);
}

/** `new L1L2(config)`: both penalties; as in Keras 3 (where `l1_l2` is the class), factors default to 0. */
export function l1l2(config?: L1L2Config): L1L2 {
  return new L1L2(config);
}

/** `new OrthogonalRegularizer(config)`: mean |cosine| between rows (or columns), times factor. */
export function orthogonal(config?: OrthogonalRegularizerConfig): OrthogonalRegularizer {
  return new OrthogonalRegularizer(config);
}
