import { memory, reshape, tensor, type Model } from 'neurite';
import { loadDigits } from './data/mnist.js';
import { makeTwoD, splitSet, type TwoDKind } from './data/two-d.js';
import { Trainer, type RunData } from './train/trainer.js';
import type { EpochRecord } from './train/metrics.js';
import { cloneState, type PlaygroundState } from './state.js';
import { stateToQuery } from './url.js';
import { useBackend, type BackendStatus } from './ui/backends.js';
import { renderControls } from './ui/controls.js';
import { el } from './ui/dom.js';
import { downloadModel, wireModelInput } from './ui/files.js';
import { ResultsView, probePredictions, type MapPoints } from './ui/results.js';

/** What the page shows about the run, also read by the end-to-end tests (window.__playground). */
export interface RunStatus {
  playing: boolean;
  epoch: number;
  steps: number;
  stepsPerSecond: number;
  backend: BackendStatus | null;
  /** An error the page shows (a file that did not load, a run that failed), or null. */
  error: string | null;
  /** Set while a run is being prepared (data loading, models building). */
  busy: boolean;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The playground: owns the state, the run (a Trainer) and the page. Every change of a control resets
 * the run (same seed, same data, so the comparison stays fair) and rewrites the URL.
 */
export class Playground {
  state: PlaygroundState;
  status: RunStatus = { playing: false, epoch: 0, steps: 0, stepsPerSecond: 0, backend: null, error: null, busy: false };
  trainer: Trainer | null = null;
  points: MapPoints | null = null;
  loaded: { model: Model; name: string; summary: string[]; predictions: number[] | null; accuracy: number | null } | null = null;
  private results: ResultsView;
  private readonly controls: HTMLElement;
  private readonly statusLine = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
  private readonly errorBox = el('p', { class: 'error', role: 'alert', 'data-testid': 'error', hidden: true });
  private readonly loadedBox = el('div', { class: 'loaded', 'data-testid': 'loaded' });
  private readonly playButton: HTMLButtonElement;
  private generation = 0;
  private readonly chartWidth: number;

  constructor(root: HTMLElement, initial: PlaygroundState, notes: string[]) {
    this.state = cloneState(initial);
    this.chartWidth = Math.max(260, Math.min(560, root.clientWidth - 40 || 560));
    this.playButton = el('button', { type: 'button', class: 'primary', 'aria-keyshortcuts': 'Space', onclick: () => this.toggle() }, 'Play');
    const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Run' },
      this.playButton,
      el('button', { type: 'button', 'aria-keyshortcuts': 'S', onclick: () => void this.stepOnce() }, 'Step'),
      el('button', { type: 'button', 'aria-keyshortcuts': 'R', onclick: () => void this.reset() }, 'Reset'),
      el('button', { type: 'button', onclick: () => void this.download() }, 'Download .keras'),
      this.statusLine);
    this.controls = el('form', { class: 'controls', 'aria-label': 'Settings', onsubmit: (e: Event) => e.preventDefault() });
    const fileInput = el('input', { type: 'file', accept: '.keras,.h5', id: 'model-file', 'data-testid': 'model-file' });
    const dropZone = el('section', { class: 'files', 'aria-label': 'Model files' },
      el('h2', {}, 'Open a model'),
      el('p', {}, el('label', { for: 'model-file' }, 'A .keras or Keras 2 .h5 file (or drop it here): '), fileInput),
      this.loadedBox);
    const main = el('main', {});
    root.replaceChildren(
      el('header', {}, el('h1', {}, 'Neurite playground'),
        el('p', { class: 'lead' }, 'The same network, trained side by side with and without regularization: watch Dropout and L1/L2 close the gap between train and test.'),
        toolbar, this.errorBox),
      el('div', { class: 'layout' }, this.controls, main),
    );
    this.results = new ResultsView(main, this.chartWidth);
    main.append(dropZone);
    wireModelInput(fileInput, dropZone, (model, name) => void this.showLoaded(model, name), (message) => this.showError(message));
    document.addEventListener('keydown', (e) => this.onKey(e));
    if (notes.length) this.showError(`Parts of the link were ignored: ${notes.join('; ')}`);
    this.renderControls();
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === ' ' && target.tagName !== 'BUTTON') {
      e.preventDefault();
      this.toggle();
    } else if (e.key === 's' || e.key === 'S') void this.stepOnce();
    else if (e.key === 'r' || e.key === 'R') void this.reset();
  }

  private renderControls(): void {
    renderControls(this.controls, this.state, (next) => void this.apply(next));
  }

  /** A new state from the controls: new URL, new run. */
  async apply(next: PlaygroundState): Promise<void> {
    this.state = next;
    history.replaceState(null, '', `?${stateToQuery(next)}`);
    this.renderControls();
    await this.reset();
  }

  showError(message: string | null): void {
    this.status.error = message;
    this.errorBox.hidden = message === null;
    this.errorBox.textContent = message ?? '';
  }

  private renderStatus(): void {
    const s = this.status;
    const b = s.backend;
    const parts = [
      s.busy ? 'preparing…' : `epoch ${s.epoch}`,
      `${s.stepsPerSecond.toFixed(1)} steps/s`,
      b ? `backend: ${b.name} (${b.detail})` : 'backend: starting',
    ];
    this.statusLine.textContent = parts.join(' · ');
    this.statusLine.title = b?.reason ?? '';
    if (b?.reason) this.statusLine.textContent += ` · ${b.reason}`;
    this.playButton.textContent = s.playing ? 'Pause' : 'Play';
    this.playButton.setAttribute('aria-pressed', String(s.playing));
  }

  /** Data of the state on the current backend (2-D points are also kept for drawing). */
  private async makeData(): Promise<{ data: RunData; input: number[]; classes: number }> {
    const s = this.state;
    if (s.dataset === 'mnist') {
      const image = s.architecture === 'cnn';
      const { train, test } = await loadDigits(s.size, s.testFraction, s.seed, image);
      this.points = null;
      const labels = (l: Int32Array) => tensor(l, [l.length], 'int32');
      const data = { trainX: train.x, trainY: labels(train.labels), testX: test.x, testY: labels(test.labels) };
      train.y.dispose();
      test.y.dispose();
      return { data, input: image ? [28, 28, 1] : [784], classes: 10 };
    }
    const { train, test } = splitSet(makeTwoD(s.dataset as TwoDKind, s.size, s.noise, s.seed), s.testFraction, s.seed);
    this.points = { train: train.points, trainLabels: train.labels, test: test.points, testLabels: test.labels };
    const data = {
      trainX: tensor(train.points, [train.labels.length, 2]),
      trainY: tensor(train.labels, [train.labels.length], 'int32'),
      testX: tensor(test.points, [test.labels.length, 2]),
      testY: tensor(test.labels, [test.labels.length], 'int32'),
    };
    return { data, input: [2], classes: 2 };
  }

  /** Stops the run and starts a fresh one from the state (epoch 0 evaluated and drawn). */
  async reset(): Promise<void> {
    const generation = ++this.generation;
    this.status.playing = false;
    this.status.busy = true;
    this.renderStatus();
    try {
      this.trainer?.dispose();
      this.trainer = null;
      this.results.dispose();
      this.status.backend = await useBackend(this.state.backend);
      const { data, input, classes } = await this.makeData();
      if (generation !== this.generation) {
        Object.values(data).forEach((t) => t.dispose());
        return;
      }
      this.trainer = new Trainer(this.state, data, { input, classes });
      this.results.setMode(this.state.dataset !== 'mnist');
      Object.assign(this.status, { epoch: 0, steps: 0, stepsPerSecond: 0 });
      await this.trainer.evaluate();
      await this.render();
      this.showError(null);
    } catch (e) {
      this.showError(`The run could not start: ${(e as Error).message}`);
    } finally {
      if (generation === this.generation) this.status.busy = false;
      this.renderStatus();
    }
  }

  private async render(): Promise<void> {
    const t = this.trainer;
    if (!t) return;
    this.results.updateCurves(t.history);
    if (this.points) await this.results.updateMaps(t, this.points);
    else await this.results.updateDigits(t);
    await this.results.updateHistograms(t, Math.min(this.chartWidth, 360));
  }

  toggle(): void {
    if (this.status.playing) this.status.playing = false;
    else void this.play();
    this.renderStatus();
  }

  /** Trains until paused, one batch at a time, yielding to the page between batches. */
  async play(): Promise<void> {
    if (this.status.playing || this.status.busy || !this.trainer) return;
    this.status.playing = true;
    this.renderStatus();
    const generation = this.generation;
    try {
      while (this.status.playing && generation === this.generation) {
        await this.stepInner();
        await yieldToPage();
      }
    } catch (e) {
      this.status.playing = false;
      this.showError(`Training stopped: ${(e as Error).message}`);
    }
    this.renderStatus();
  }

  /** One batch (for both networks), then pause. */
  async stepOnce(): Promise<void> {
    this.status.playing = false;
    if (this.status.busy || !this.trainer) return;
    try {
      await this.stepInner();
    } catch (e) {
      this.showError(`Training stopped: ${(e as Error).message}`);
    }
    this.renderStatus();
  }

  private async stepInner(): Promise<void> {
    const t = this.trainer as Trainer;
    const epochEnded = await t.step();
    this.status.steps++;
    this.status.stepsPerSecond = t.stepsPerSecond;
    if (epochEnded) {
      await t.evaluate();
      this.status.epoch = t.epoch;
      await this.render();
    }
    if (this.status.steps % 10 === 0 || epochEnded) this.renderStatus();
  }

  /** The regularized network as a `.keras` file. */
  async download(): Promise<void> {
    if (!this.trainer) return;
    await downloadModel(this.trainer.regularized, `neurite-${this.state.dataset}-regularized.keras`);
  }

  /**
   * A model from a file: its summary, and when its input holds as many numbers as one sample of the
   * run's data (a Keras MNIST model taking [28, 28] on the run's [784] digits), its test accuracy and
   * predictions on the run's test data.
   */
  async showLoaded(model: Model, name: string): Promise<void> {
    this.loaded?.model.dispose();
    const summary = model.summaryText();
    let predictions: number[] | null = null;
    let accuracy: number | null = null;
    const t = this.trainer;
    const inputShape = model.inputs[0]?.shape.slice(1) ?? [];
    const size = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? NaN), 1);
    const fits = t !== null && size(inputShape) === size(t.data.testX.shape.slice(1));
    if (t && fits) {
      const x = reshape(t.data.testX, [t.data.testX.shape[0], ...(inputShape as number[])]);
      try {
        predictions = await probePredictions(model, x);
        if (!model.optimizer) model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
        const r = (await model.evaluate(x, t.data.testY, { batchSize: 256 })) as Record<string, number>;
        accuracy = r.accuracy ?? null;
      } catch {
        accuracy = null; // a model whose outputs do not fit this run's labels
      } finally {
        x.dispose();
      }
    }
    this.loaded = { model, name, summary, predictions, accuracy };
    this.loadedBox.replaceChildren(
      el('h3', {}, `Loaded: ${name}`),
      el('pre', {}, summary.join('\n')),
      el('p', { 'data-testid': 'loaded-result' }, fits
        ? `On this run's ${t?.data.testX.shape[0]} test samples: accuracy ${accuracy === null ? 'n/a (its outputs do not fit these labels)' : `${(100 * accuracy).toFixed(1)}%`}.`
        : "Its input does not fit this run's data, so it is only summarized."),
    );
    this.showError(null);
  }

  /** Tensors alive on the backend (for the tests' leak check). */
  numTensors(): number {
    return memory().numTensors;
  }

  /** The history of the run (the curves' values). */
  history(): EpochRecord[] {
    return this.trainer?.history ?? [];
  }
}
