// @neurite/regularizers: the public API.
export { Regularizer, checkFactor } from './regularizer.js';
export type { RegularizerConfig } from './regularizer.js';
export { registerRegularizer, serialize, deserialize, getRegularizer, regularizerClasses } from './serialization.js';
export type { RegularizerIdentifier, SerializedRegularizer, RegularizerClass } from './serialization.js';
export { L1 } from './l1.js';
export type { L1Config } from './l1.js';
export { L2 } from './l2.js';
export type { L2Config } from './l2.js';
export { L1L2 } from './l1l2.js';
export type { L1L2Config } from './l1l2.js';
export { OrthogonalRegularizer } from './orthogonal.js';
export type { OrthogonalRegularizerConfig, OrthogonalMode } from './orthogonal.js';
export { l1, l2, l1l2, orthogonal } from './factories.js';
