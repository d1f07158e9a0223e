import { ENGINE } from '../engine/engine.js';
import type { Tensor, Variable } from '../tensor.js';
import { makeTypedArray, type DType, type Shape } from '../types.js';
import { argumentError } from '../util/errors.js';
import { readOptionsObject } from '../util/options.js';
import { assertValidShape, sizeFromShape } from '../util/shape.js';
import { assertDType, convertToTensor, tensor } from './convert.js';

export { tensor };

export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return ENGINE.tidy(() => {
    if (typeof value !== 'number' && typeof value !== 'boolean') throw argumentError('scalar', 'value', 'a number or a boolean', value);
    return tensor(value, [], dtype);
  });
}

/** A tensor of `shape` with every element `value`. */
export function fill(shape: Shape, value: number | boolean, dtype?: DType): Tensor {
  return ENGINE.tidy(() => {
    assertValidShape('fill', 'shape', shape);
    if (typeof value !== 'number' && typeof value !== 'boolean') throw argumentError('fill', 'value', 'a number or a boolean', value);
    const dt = dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
    assertDType('fill', 'dtype', dt);
    const data = makeTypedArray(dt, sizeFromShape(shape));
    data.fill(Number(value));
    return ENGINE.makeTensor(data, shape, dt);
  });
}

export function zeros(shape: Shape, dtype: DType = 'float32'): Tensor {
  return ENGINE.tidy(() => fill(shape, 0, dtype));
}

export function ones(shape: Shape, dtype: DType = 'float32'): Tensor {
  return ENGINE.tidy(() => fill(shape, 1, dtype));
}

export function zerosLike(x: Tensor): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'zerosLike');
    return zeros(t.shape, t.dtype);
  });
}

export function onesLike(x: Tensor): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'onesLike');
    return ones(t.shape, t.dtype);
  });
}

/** `[start, start + step, …)` up to `stop` (exclusive), as NumPy's `arange`. */
export function range(start: number, stop: number, step = 1, dtype: DType = 'float32'): Tensor {
  return ENGINE.tidy(() => {
    for (const [name, v] of [['start', start], ['stop', stop], ['step', step]] as const) {
      if (!Number.isFinite(v)) throw argumentError('range', name, 'a finite number', v);
    }
    if (step === 0) throw argumentError('range', 'step', 'non-zero', step);
    assertDType('range', 'dtype', dtype);
    const n = Math.max(0, Math.ceil((stop - start) / step));
    const data = makeTypedArray(dtype, n);
    for (let i = 0; i < n; i++) data[i] = start + i * step;
    return ENGINE.makeTensor(data, [n], dtype);
  });
}

/** An identity matrix of `numRows` x `numColumns` (square by default). */
export function eye(numRows: number, numColumns = numRows, dtype: DType = 'float32'): Tensor {
  return ENGINE.tidy(() => {
    if (!Number.isInteger(numRows) || numRows < 0) throw argumentError('eye', 'numRows', 'a non-negative integer', numRows);
    if (!Number.isInteger(numColumns) || numColumns < 0) throw argumentError('eye', 'numColumns', 'a non-negative integer', numColumns);
    assertDType('eye', 'dtype', dtype);
    const data = makeTypedArray(dtype, numRows * numColumns);
    for (let i = 0; i < Math.min(numRows, numColumns); i++) data[i * numColumns + i] = 1;
    return ENGINE.makeTensor(data, [numRows, numColumns], dtype);
  });
}

export interface VariableOptions {
  trainable?: boolean;
  name?: string;
  dtype?: DType;
}

/** A mutable tensor holding `initialValue` (which stays usable: the buffer is shared, not moved). */
export function variable(initialValue: Tensor, options: VariableOptions = {}): Variable {
  readOptionsObject('variable', options, ['trainable', 'name', 'dtype']);
  const init = convertToTensor(initialValue, 'initialValue', 'variable');
  return ENGINE.makeVariable(init, options.trainable ?? true, options.name, options.dtype);
}
