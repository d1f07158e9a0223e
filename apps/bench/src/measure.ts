/** Runs `fn` `warmup` times, then `runs` times, and returns the median wall time in milliseconds. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 7, warmup = 2): Promise<number> {
  return (await measure(fn, { runs, warmup, budgetMs: Infinity })).medianMs;
}

export interface MeasureOptions {
  /** The most timed runs. */
  runs: number;
  /** The most warm-up runs (the first one compiles kernels, fills caches). */
  warmup: number;
  /**
   * Time for the timed runs of one figure: runs stop once the next would pass it, but at least one
   * runs. A warm-up that takes more than a tenth of it is not repeated.
   */
  budgetMs: number;
  /** When the first warm-up run takes longer than this, no more run: its time is the figure (runs 0). */
  maxFirstMs?: number;
}

export interface Measurement {
  medianMs: number;
  /** Timed runs behind the median; 0 when the first warm-up run took too long and is the figure. */
  runs: number;
  /** The first warm-up run (it includes compilation). */
  firstMs: number;
}

/** Median wall time of `fn` over up to `runs` runs after warm-up, within a time budget. */
export async function measure(fn: () => unknown | Promise<unknown>, options: MeasureOptions): Promise<Measurement> {
  const time = async () => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const firstMs = await time();
  if (options.maxFirstMs != null && firstMs > options.maxFirstMs) return { medianMs: firstMs, runs: 0, firstMs };
  let last = firstMs;
  for (let i = 1; i < options.warmup && last < options.budgetMs / 10; i++) last = await time();
  const times: number[] = [];
  let spent = 0;
  while (times.length < options.runs && (times.length === 0 || spent + last <= options.budgetMs)) {
    last = await time();
    times.push(last);
    spent += last;
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { medianMs: median, runs: times.length, firstMs };
}
