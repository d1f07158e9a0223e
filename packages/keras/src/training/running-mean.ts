/** A weighted running mean of per-batch numbers (the epoch's `loss`: batches weighted by their size). */
export class RunningMean {
  private total = 0;
  private count = 0;

  add(value: number, weight: number): void {
    this.total += value * weight;
    this.count += weight;
  }

  get value(): number {
    return this.count === 0 ? 0 : this.total / this.count;
  }
}
