import type { DType, Shape, TypedArray } from '../types.js';
import { computeStrides } from './shape.js';

/** Builds nested arrays from flat values; bool becomes true/false. */
export function toNestedArray(values: TypedArray, shape: Shape, dtype: DType): unknown {
  const convert = (v: number) => (dtype === 'bool' ? v !== 0 : v);
  if (shape.length === 0) return convert(values[0]);
  const strides = computeStrides(shape);
  const build = (axis: number, offset: number): unknown[] => {
    const out: unknown[] = new Array(shape[axis]);
    for (let i = 0; i < shape[axis]; i++) {
      const at = offset + i * strides[axis];
      out[i] = axis === shape.length - 1 ? convert(values[at]) : build(axis + 1, at);
    }
    return out;
  };
  return build(0, 0);
}

const EDGE = 3; // elements shown at each end of a long axis

function formatNumber(v: number, dtype: DType): string {
  if (dtype === 'bool') return v ? 'true' : 'false';
  if (dtype === 'int32' || Number.isInteger(v)) return String(v);
  const s = v.toPrecision(6);
  return s.includes('e') ? s : String(Number(s));
}

/** A NumPy-like rendering that elides the middle of long axes. */
export function formatValues(values: TypedArray, shape: Shape, dtype: DType): string {
  if (shape.length === 0) return formatNumber(values[0], dtype);
  const strides = computeStrides(shape);
  const render = (axis: number, offset: number, indent: string): string => {
    const n = shape[axis];
    const idx = n > 2 * EDGE + 1 ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
    if (axis === shape.length - 1) {
      const parts = idx.map((i) => (i < 0 ? '...' : formatNumber(values[offset + i], dtype)));
      return `[${parts.join(', ')}]`;
    }
    const sep = ',' + '\n'.repeat(shape.length - axis - 1) + indent + ' ';
    const parts = idx.map((i) => (i < 0 ? '...' : render(axis + 1, offset + i * strides[axis], indent + ' ')));
    return `[${parts.join(sep)}]`;
  };
  return render(0, 0, '');
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}
