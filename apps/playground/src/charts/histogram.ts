import uPlot from 'uplot';
import { histogramData } from './bins.js';
import { PLAIN, REGULARIZED } from './colors.js';

/** Two histograms (plain, regularized) of one layer's kernel, on shared bins. */
export class WeightHistogram {
  private readonly plot: uPlot;
  static readonly BINS = 31;

  constructor(parent: HTMLElement, title: string, width: number) {
    const bars = uPlot.paths.bars?.({ size: [0.9, 40] });
    this.plot = new uPlot(
      {
        width,
        height: 150,
        title,
        scales: { x: { time: false } },
        axes: [{ label: 'weight' }, { size: 55 }],
        legend: { show: true, live: false },
        series: [
          {},
          { label: 'plain', stroke: PLAIN, fill: `${PLAIN}55`, paths: bars, points: { show: false } },
          { label: 'regularized', stroke: REGULARIZED, fill: `${REGULARIZED}55`, paths: bars, points: { show: false } },
        ],
      },
      [[], [], []],
      parent,
    );
  }

  update(plain: ArrayLike<number>, regularized: ArrayLike<number>): void {
    this.plot.setData(histogramData(plain, regularized, WeightHistogram.BINS) as uPlot.AlignedData);
  }

  destroy(): void {
    this.plot.destroy();
  }
}
