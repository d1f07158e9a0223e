// Plain-JS index arithmetic the suites' reference implementations share. Written independently of the
// library on purpose: references must not reuse the code they check.

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Row-major coordinates of a flat index. */
export function unravel(index: number, shape: readonly number[]): number[] {
  const coords = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    coords[i] = index % shape[i];
    index = Math.floor(index / shape[i]);
  }
  return coords;
}

/** The flat row-major index of coordinates. */
export function ravel(coords: readonly number[], shape: readonly number[]): number {
  let index = 0;
  for (let i = 0; i < shape.length; i++) index = index * shape[i] + coords[i];
  return index;
}
