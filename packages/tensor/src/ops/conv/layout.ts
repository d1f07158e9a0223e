import type { Tensor } from '../../tensor.js';
import { NeuriteError, argumentError, describe } from '../../util/errors.js';
import { reshape } from '../shape/reshape.js';
import { transpose } from '../shape/transpose.js';

/**
 * Kernels see batched channels-last tensors only. These helpers add a batch of 1 to an unbatched input
 * (as TF does) and transpose channels-first data, and undo both on the result.
 */

/** x of rank `rank` (batched) or `rank - 1` (unbatched) to batched channels-last. */
export function toChannelsLast(x: Tensor, rank: number, channelsFirst: boolean): Tensor {
  const batched = x.rank === rank ? x : reshape(x, [1, ...x.shape]);
  return channelsFirst ? transpose(batched, { perm: [0, ...range(2, rank), 1] }) : batched;
}

/** The inverse of `toChannelsLast` for a result y of rank `rank`. */
export function fromChannelsLast(y: Tensor, rank: number, channelsFirst: boolean, unbatched: boolean): Tensor {
  const laid = channelsFirst ? transpose(y, { perm: [0, rank - 1, ...range(1, rank - 1)] }) : y;
  return unbatched ? reshape(laid, laid.shape.slice(1)) : laid;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** The channel count of x (batched or not) in its data format. */
export function channelsOf(x: Tensor, rank: number, channelsFirst: boolean): number {
  const offset = x.rank === rank ? 1 : 0;
  return channelsFirst ? x.shape[offset] : x.shape[x.rank - 1];
}

/** Checks that x has rank `rank` (batched) or `rank - 1` (unbatched); `layout` names the axes. */
export function assertInputRank(op: string, x: Tensor, rank: number, layout: string): void {
  if (x.rank !== rank && x.rank !== rank - 1) {
    throw argumentError(op, 'x', `of rank ${rank} (${layout}) or ${rank - 1} (unbatched)`, `a tensor of shape ${describe(x.shape)}`);
  }
}

/** Checks that x's channel count matches what the filter expects; the error shows both shapes. */
export function assertChannelsMatch(op: string, x: Tensor, filter: Tensor, xChannels: number, filterChannels: number, dataFormat: string): void {
  if (xChannels !== filterChannels) {
    throw new NeuriteError(
      `${op}: x of shape ${describe(x.shape)} has ${xChannels} channels (dataFormat '${dataFormat}'), ` +
        `but filter of shape ${describe(filter.shape)} expects ${filterChannels}`,
    );
  }
}

/** Checks a filter's rank; `layout` names its axes. */
export function assertFilterRank(op: string, filter: Tensor, rank: number, layout: string): void {
  if (filter.rank !== rank) throw argumentError(op, 'filter', `of rank ${rank} (${layout})`, `a tensor of shape ${describe(filter.shape)}`);
}
