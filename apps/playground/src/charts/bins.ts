/** Counts of values in `bins` equal bins over [min, max] (the last bin includes max). */
export function histogram(values: ArrayLike<number>, min: number, max: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= min && v <= max)) continue;
    counts[Math.min(bins - 1, Math.floor((v - min) / (width || 1)))]++;
  }
  return counts;
}

/** The shared range of two sets of weights, symmetric around 0 so shrinkage reads at a glance. */
export function sharedRange(a: ArrayLike<number>, b: ArrayLike<number>): [number, number] {
  let m = 0;
  for (const list of [a, b]) for (let i = 0; i < list.length; i++) m = Math.max(m, Math.abs(list[i]));
  return m === 0 ? [-1, 1] : [-m, m];
}

/** A weight histogram's data: bin centres, then the counts of each model's weights, on shared bins. */
export function histogramData(plain: ArrayLike<number>, regularized: ArrayLike<number>, bins: number): number[][] {
  const [min, max] = sharedRange(plain, regularized);
  const width = (max - min) / bins;
  const centres = Array.from({ length: bins }, (_, i) => min + (i + 0.5) * width);
  return [centres, histogram(plain, min, max, bins), histogram(regularized, min, max, bins)];
}
