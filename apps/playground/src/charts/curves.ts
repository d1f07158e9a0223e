import uPlot from 'uplot';
import { curveData, type EpochRecord } from '../train/metrics.js';
import { PLAIN, REGULARIZED } from './colors.js';

/**
 * A live chart of one metric over the epochs: train (dashed) and test (solid) for both models. Built
 * once per run; `update` redraws it from the history.
 */
export class CurveChart {
  private readonly plot: uPlot;

  constructor(
    parent: HTMLElement,
    private readonly metric: 'loss' | 'accuracy',
    width: number,
  ) {
    const series = (label: string, stroke: string, dash: number[] | undefined): uPlot.Series => ({ label, stroke, width: 2, dash, points: { size: 5 } });
    this.plot = new uPlot(
      {
        width,
        height: 200,
        title: metric === 'loss' ? 'Loss (with the penalty)' : 'Accuracy',
        scales: { x: { time: false }, y: metric === 'accuracy' ? { range: [0, 1] } : { auto: true } },
        // epochs are whole numbers: no ticks between them
        axes: [{ label: 'epoch', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }, { size: 50 }],
        legend: { show: true, live: false },
        series: [
          {},
          series('plain, train', PLAIN, [6, 4]),
          series('plain, test', PLAIN, undefined),
          series('regularized, train', REGULARIZED, [6, 4]),
          series('regularized, test', REGULARIZED, undefined),
        ],
      },
      [[], [], [], [], []],
      parent,
    );
  }

  update(history: EpochRecord[]): void {
    this.plot.setData(curveData(history, this.metric) as uPlot.AlignedData);
  }

  resize(width: number): void {
    this.plot.setSize({ width, height: 200 });
  }

  destroy(): void {
    this.plot.destroy();
  }
}
