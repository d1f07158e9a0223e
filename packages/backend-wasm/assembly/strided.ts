// Walking a broadcast (or any strided) iteration in long runs. The host merges the output's axes
// (dropping size-1 axes, joining neighbours that stay contiguous) and writes, at `meta` (int32s):
//   rank, dims[rank], strides of input 0 [rank], strides of input 1 [rank],
// followed by room for the walker's state: rank coordinates and the two inputs' current offsets.
// Each thread gets its own copy of the block. Strides are in elements; the last axis of each input has
// stride 1 or 0 (broadcast), so every run is contiguous or a repeated scalar.

@inline
export function metaRank(meta: usize): i32 {
  return load<i32>(meta);
}

@inline
export function metaDim(meta: usize, d: i32): i32 {
  return load<i32>(meta + 4 + (<usize>d << 2));
}

@inline
export function metaStride(meta: usize, input: i32, d: i32): i32 {
  return load<i32>(meta + 4 + (<usize>((1 + input) * metaRank(meta) + d) << 2));
}

@inline
function coordAt(meta: usize, d: i32): usize {
  return meta + 4 + (<usize>(3 * metaRank(meta) + d) << 2);
}

@inline
function offsetAt(meta: usize, input: i32): usize {
  return meta + 4 + (<usize>(4 * metaRank(meta) + input) << 2);
}

/** The current offset (elements) of input 0 or 1. */
@inline
export function offsetOf(meta: usize, input: i32): i32 {
  return load<i32>(offsetAt(meta, input));
}

/** The coordinate along the last axis: how far into its run the walk is. */
@inline
export function innerCoord(meta: usize): i32 {
  return load<i32>(coordAt(meta, metaRank(meta) - 1));
}

/** Puts the walk at output element `e`. */
export function seek(meta: usize, e: i32): void {
  const rank = metaRank(meta);
  let rest = e;
  let o0 = 0;
  let o1 = 0;
  for (let d = rank - 1; d >= 0; d--) {
    const dim = metaDim(meta, d);
    const c = rest % dim;
    rest = rest / dim;
    store<i32>(coordAt(meta, d), c);
    o0 += c * metaStride(meta, 0, d);
    o1 += c * metaStride(meta, 1, d);
  }
  store<i32>(offsetAt(meta, 0), o0);
  store<i32>(offsetAt(meta, 1), o1);
}

/** Moves the walk forward by `count` elements within the current run (count <= what is left of it). */
export function advance(meta: usize, count: i32): void {
  const rank = metaRank(meta);
  const last = rank - 1;
  const c = load<i32>(coordAt(meta, last)) + count;
  let o0 = load<i32>(offsetAt(meta, 0)) + count * metaStride(meta, 0, last);
  let o1 = load<i32>(offsetAt(meta, 1)) + count * metaStride(meta, 1, last);
  if (c < metaDim(meta, last)) {
    store<i32>(coordAt(meta, last), c);
  } else {
    // the run is done: back to the start of the last axis, then step the outer axes like an odometer
    o0 -= c * metaStride(meta, 0, last);
    o1 -= c * metaStride(meta, 1, last);
    store<i32>(coordAt(meta, last), 0);
    for (let d = last - 1; d >= 0; d--) {
      const at = coordAt(meta, d);
      const cd = load<i32>(at) + 1;
      o0 += metaStride(meta, 0, d);
      o1 += metaStride(meta, 1, d);
      if (cd < metaDim(meta, d)) {
        store<i32>(at, cd);
        break;
      }
      store<i32>(at, 0);
      o0 -= cd * metaStride(meta, 0, d);
      o1 -= cd * metaStride(meta, 1, d);
    }
  }
  store<i32>(offsetAt(meta, 0), o0);
  store<i32>(offsetAt(meta, 1), o1);
}

/** Bytes of one walk block for rank `rank` (the host allocates one per thread). */
@inline
export function metaBytes(rank: i32): usize {
  return <usize>(1 + 4 * rank + 2) << 2;
}
