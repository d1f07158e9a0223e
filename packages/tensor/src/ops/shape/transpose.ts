import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';
import { readOptions } from '../elementwise/options.js';

export interface TransposeOptions {
  /** Output axis i is input axis perm[i]; reverses the axes when left out. */
  perm?: number[];
}

/** Permutes the axes of x. */
export function transpose(x: Tensor | TensorLike, options?: TransposeOptions): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'transpose');
    const { perm: given } = readOptions('transpose', options, ['perm']);
    const perm = given === undefined ? t.shape.map((_, i) => t.rank - 1 - i) : checkPerm(given, t.rank);
    // identity: a new tensor over the same buffer
    if (perm.every((p, i) => p === i)) return reshape(t, t.shape);
    return ENGINE.runKernel('Transpose', [t], { perm });
  });
}

function checkPerm(perm: unknown, rank: number): number[] {
  const ok =
    Array.isArray(perm) &&
    perm.length === rank &&
    perm.every((p) => Number.isInteger(p) && p >= 0 && p < rank) &&
    new Set(perm).size === rank;
  if (!ok) throw argumentError('transpose', 'perm', `a permutation of [0, ..., ${rank - 1}] for a tensor of rank ${rank}`, perm);
  return [...(perm as number[])];
}

/** The permutation that undoes `perm`. */
export function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}
