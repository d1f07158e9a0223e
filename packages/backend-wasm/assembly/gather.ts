// Gather: x viewed as [outer, n, inner], out as [outer, count, inner]; row u = (a, k) of out is row
// indices[k] of block a of x. The host checks the indices first. Units are output rows.

@inline
function gather(size: usize, out: usize, x: usize, indices: usize, n: i32, count: i32, inner: i32, begin: i32, end: i32): void {
  const rowBytes = <usize>inner * size;
  for (let u = begin; u < end; u++) {
    const a = u / count;
    const k = u - a * count;
    const row = <usize>a * <usize>n + <usize>load<i32>(indices + (<usize>k << 2));
    memory.copy(out + <usize>u * rowBytes, x + row * rowBytes, rowBytes);
  }
}

export function gather_4(out: usize, x: usize, indices: usize, n: i32, count: i32, inner: i32, begin: i32, end: i32, tid: i32): void { gather(4, out, x, indices, n, count, inner, begin, end); }
export function gather_1(out: usize, x: usize, indices: usize, n: i32, count: i32, inner: i32, begin: i32, end: i32, tid: i32): void { gather(1, out, x, indices, n, count, inner, begin, end); }
