// @neurite/tensor: the public API. Everything not exported here is internal.
import './gradients/index.js';
import './methods/index.js';

export { Tensor, Variable } from './tensor.js';
export type { DType, Shape, TypedArray, TensorLike, NestedArray } from './types.js';
export { MAX_RANK, bytesPerElement, makeTypedArray, upcastDType } from './types.js';
export { NeuriteError, argumentError, describe as describeValue } from './util/errors.js';
export { UnknownOptionError, checkKeys, readOptionsObject, snakeToCamel } from './util/options.js';
export { Registry } from './util/registry.js';
export {
  checkBoolean, checkFinite, checkPositive, checkNonNegative, checkNumberInRange, checkInteger, checkPositiveInt, checkNonEmptyString,
  checkOneOf, checkOptionalSeed, checkConfig, normalizeIdentifier, camelCaseKeys,
} from './util/checks.js';
export type { RegisterOptions } from './util/registry.js';

// Ops
export * from './ops/index.js';
export type { VariableOptions } from './ops/creation.js';

// Autodiff
export { grad, grads, valueAndGrad, valueAndGrads, variableGrads, customGrad } from './autodiff/gradients.js';
export type { CustomGradResult, Fn1, FnN } from './autodiff/gradients.js';

// Memory and backends
export {
  tidy, keep, dispose, memory, registerBackend, removeBackend, setBackend, getBackend, backend, findBackend,
  registeredBackends, ready,
} from './engine/api.js';
export type { MemoryInfo } from './engine/api.js';

// Randomness
export { setSeed, SeedGenerator, seedToKey, resolveSeed } from './random/seed.js';
export { randomPermutation } from './random/permutation.js';
export type { Seed } from './random/seed.js';
export { philox4x32, randomWords, uniformFromWord, normalFromWords } from './random/philox.js';
export { randomUniformValues, randomNormalValues, truncatedNormalValues, float32Below } from './random/host-values.js';
export type { RandomKey } from './random/philox.js';

// For backend authors: the kernel contract and the shape helpers kernels need.
export type { Backend, BackendFactory, BackendMemory, DataId, TensorInfo } from './engine/backend.js';
export { registerKernel, getKernel, hasKernel, listKernels, unregisterKernel, registerGradient, getGradient, listGradients } from './engine/kernel-registry.js';
export type { Attrs, AnyKernelConfig, KernelArgs, KernelFunc, KernelConfig, GradConfig, GradFunc, StoredGradFunc } from './engine/kernel-registry.js';
export * from './kernel-names.js';
export {
  sizeFromShape, computeStrides, shapesEqual, broadcastShapes, broadcastedAxes, broadcastIndexMapper,
  normalizeAxis, normalizeAxes, reducedShape, assertValidShape, assertTensorSize, MAX_TENSOR_SIZE,
} from './util/shape.js';
