import * as R from '@neurite/regularizers';

/** The regularizers, as classes and factories, with serialization. */
export const regularizers = {
  Regularizer: R.Regularizer,
  L1: R.L1,
  L2: R.L2,
  L1L2: R.L1L2,
  OrthogonalRegularizer: R.OrthogonalRegularizer,
  l1: R.l1,
  l2: R.l2,
  l1l2: R.l1l2,
  orthogonal: R.orthogonal,
  serialize: R.serialize,
  deserialize: R.deserialize,
  get: R.getRegularizer,
  register: R.registerRegularizer,
};
