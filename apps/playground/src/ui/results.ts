import { monteCarloPredict, slice, tidy, type Model, type Sequential, type Tensor } from 'neurite';
import { CurveChart } from '../charts/curves.js';
import { drawMap, gridTensor, monteCarloGrid, predictGrid, probabilityPixels, uncertaintyPixels } from '../charts/decision-map.js';
import { WeightHistogram } from '../charts/histogram.js';
import { gap, type EpochRecord } from '../train/metrics.js';
import type { Trainer } from '../train/trainer.js';
import { el } from './dom.js';

/** Resolution of the 2-D maps (cells per side) and Monte-Carlo runs per uncertainty map. */
export const MAP_RES = 40;
export const MC_RUNS = 16;

/** The points of a 2-D run, for drawing over the maps. */
export interface MapPoints {
  train: Float32Array;
  trainLabels: Int32Array;
  test: Float32Array;
  testLabels: Int32Array;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const fix = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v));

function mapCanvas(name: string, label: string): HTMLCanvasElement {
  return el('canvas', { width: 240, height: 240, 'data-map': name, role: 'img', 'aria-label': label });
}

/** The right-hand side of the page: curves, the gap, maps or digits, weight histograms. */
export class ResultsView {
  readonly root: HTMLElement;
  private readonly loss: CurveChart;
  private readonly accuracy: CurveChart;
  private readonly gapTable = el('table', { class: 'gap', 'data-testid': 'gap' });
  private readonly maps = el('section', { class: 'maps', 'aria-label': 'Decision boundaries' });
  private readonly digits = el('section', { class: 'digits', 'aria-label': 'Digits and confidence' });
  private readonly histograms = el('section', { class: 'histograms', 'aria-label': 'Weight histograms' });
  private readonly canvases = {
    plain: mapCanvas('plain', 'Decision boundary of the plain network'),
    regularized: mapCanvas('regularized', 'Decision boundary of the regularized network'),
    uncertainty: mapCanvas('uncertainty', 'Monte-Carlo dropout: standard deviation of the prediction'),
  };
  private readonly uncertaintyNote = el('p', { class: 'note' });
  private histogramCharts: WeightHistogram[] = [];
  private grid: Tensor | null = null;

  constructor(parent: HTMLElement, width: number) {
    const curves = el('section', { class: 'curves', 'aria-label': 'Training curves' });
    this.root = el('div', { class: 'results' }, curves, this.gapTable, this.maps, this.digits, this.histograms);
    parent.append(this.root);
    this.loss = new CurveChart(curves, 'loss', width);
    this.accuracy = new CurveChart(curves, 'accuracy', width);
    const figure = (canvas: HTMLCanvasElement, caption: string, extra?: HTMLElement) => el('figure', {}, canvas, el('figcaption', {}, caption), extra);
    this.maps.append(
      figure(this.canvases.plain, 'Plain'),
      figure(this.canvases.regularized, 'Regularized'),
      figure(this.canvases.uncertainty, `Uncertainty (Monte-Carlo dropout, ${MC_RUNS} runs)`, this.uncertaintyNote),
    );
  }

  /** Shows the 2-D maps or the digits panel. */
  setMode(twoD: boolean): void {
    this.maps.hidden = !twoD;
    this.digits.hidden = twoD;
  }

  /** Curves and the gap table from the history. */
  updateCurves(history: EpochRecord[]): void {
    this.loss.update(history);
    this.accuracy.update(history);
    const last = history[history.length - 1];
    if (!last) return;
    const row = (name: string, m: EpochRecord['plain']) => {
      const g = gap(m);
      return el('tr', { 'data-model': name },
        el('th', { scope: 'row' }, name),
        el('td', {}, pct(m.trainAccuracy)), el('td', {}, pct(m.testAccuracy)),
        el('td', {}, `${g.accuracyPoints.toFixed(1)} points`), el('td', {}, fix(m.testLoss)), el('td', {}, fix(g.loss)));
    };
    this.gapTable.replaceChildren(
      el('caption', {}, `After epoch ${last.epoch}: the generalization gap`),
      el('tr', {}, ...['', 'train acc.', 'test acc.', 'gap (acc.)', 'test loss', 'gap (loss)'].map((h) => el('th', { scope: 'col' }, h))),
      row('plain', last.plain),
      row('regularized', last.regularized),
    );
  }

  /** The decision maps of both networks and the Monte-Carlo uncertainty of the regularized one. */
  async updateMaps(trainer: Trainer, points: MapPoints): Promise<void> {
    this.grid ??= gridTensor(MAP_RES);
    const [p, r] = [await predictGrid(trainer.plain, this.grid), await predictGrid(trainer.regularized, this.grid)];
    drawMap(this.canvases.plain, probabilityPixels(p), MAP_RES, points);
    drawMap(this.canvases.regularized, probabilityPixels(r), MAP_RES, points);
    const { std } = await monteCarloGrid(trainer.regularized, this.grid, MC_RUNS);
    drawMap(this.canvases.uncertainty, uncertaintyPixels(std), MAP_RES);
    const spread = std.reduce((a, b) => Math.max(a, b), 0);
    this.uncertaintyNote.textContent = spread === 0
      ? 'No noise layer: every Monte-Carlo run gives the same prediction.'
      : `Largest standard deviation: ${spread.toFixed(3)} (dark: the runs disagree).`;
  }

  /** Some test digits with the regularized network's Monte-Carlo mean and spread for its guess. */
  async updateDigits(trainer: Trainer, count = 12): Promise<void> {
    const x = trainer.data.testX;
    const n = Math.min(count, x.shape[0]);
    const batch = tidy(() => slice(x, [0, ...x.shape.slice(1).map(() => 0)], [n, ...x.shape.slice(1)]));
    const { mean, std } = monteCarloPredict(({ training }) => trainer.regularized.apply(batch, { training }) as Tensor, MC_RUNS);
    const plain = tidy(() => trainer.plain.predict(batch) as Tensor);
    const [m, s, p, pixels, labels] = await Promise.all([mean.data(), std.data(), plain.data(), batch.data(), trainer.data.testY.slice([0], [n]).data()]);
    [mean, std, plain, batch].forEach((t) => t.dispose());
    const cells = Array.from({ length: n }, (_, i) => {
      const canvas = el('canvas', { width: 28, height: 28, class: 'digit', role: 'img', 'aria-label': `digit ${labels[i]}` });
      const img = new ImageData(28, 28);
      for (let k = 0; k < 784; k++) {
        const v = 255 - Math.round(255 * pixels[i * 784 + k]);
        img.data.set([v, v, v, 255], 4 * k);
      }
      canvas.getContext('2d')?.putImageData(img, 0, 0);
      const row = (probs: ArrayLike<number>) => Array.from({ length: 10 }, (_, c) => probs[i * 10 + c]);
      const reg = row(m);
      const guess = reg.indexOf(Math.max(...reg));
      const plainRow = row(p);
      const plainGuess = plainRow.indexOf(Math.max(...plainRow));
      return el('figure', { class: guess === labels[i] ? 'right' : 'wrong' }, canvas,
        el('figcaption', {}, `label ${labels[i]} · regularized: ${guess}, ${pct(reg[guess])} ± ${pct(s[i * 10 + guess])} · plain: ${plainGuess}`));
    });
    this.digits.replaceChildren(el('h2', {}, 'Test digits: the regularized network\'s Monte-Carlo mean ± standard deviation'), ...cells);
  }

  /** Histograms of every kernel of both networks (L2 shrinks them, L1 piles them at 0). */
  async updateHistograms(trainer: Trainer, width: number): Promise<void> {
    const kernels = (m: Sequential) => m.weights.filter((w) => w.name === 'kernel');
    const plain = kernels(trainer.plain);
    const reg = kernels(trainer.regularized);
    if (this.histogramCharts.length !== plain.length) {
      this.histogramCharts.forEach((c) => c.destroy());
      this.histograms.replaceChildren(el('h2', {}, 'Weights'));
      this.histogramCharts = plain.map((w, i) => {
        const box = el('div', { class: 'histogram', 'data-layer': String(i) });
        this.histograms.append(box);
        return new WeightHistogram(box, `Layer ${i + 1} kernel ${JSON.stringify(w.shape)}`, width);
      });
    }
    for (let i = 0; i < plain.length; i++) {
      const [a, b] = await Promise.all([plain[i].read().data(), reg[i].read().data()]);
      this.histogramCharts[i].update(a, b);
    }
  }

  dispose(): void {
    this.grid?.dispose();
    this.grid = null;
  }
}

/** A loaded model's predictions on the first samples of a set, for comparing two models. */
export async function probePredictions(model: Model, x: Tensor, n = 8): Promise<number[]> {
  const batch = tidy(() => slice(x, [0, ...x.shape.slice(1).map(() => 0)], [Math.min(n, x.shape[0]), ...x.shape.slice(1)]));
  const y = model.predict(batch) as Tensor;
  const values = Array.from(await y.data());
  [batch, y].forEach((t) => t.dispose());
  return values;
}
