import { Callback, type Logs } from './callback.js';
import { formatBarLine, formatEpochSummary, formatMetrics, visibleWidth } from './progress-format.js';
import { argError, checkOptions } from './validate.js';

/** Where the progress display goes: a Node writable stream such as process.stdout, or a test fake. */
export interface ProgressStream {
  write(chunk: string): unknown;
  /** A TTY gets the bar redrawn in place; anything else gets only each epoch's final line. */
  isTTY?: boolean;
}

/** Options of ProgressBar. */
export interface ProgressBarArgs {
  /** Default process.stdout (console.log where there is no process). */
  stream?: ProgressStream;
  /** 1: bar; 2: one summary line per epoch. Default: the trainer's params.verbose. */
  verbose?: 1 | 2;
  /** ANSI colours in the bar. Default: when the stream is a TTY. */
  colors?: boolean;
  /** The clock in milliseconds (tests inject one). Default performance.now. */
  now?: () => number;
}

/** Keras's redraw interval for the bar, in seconds. */
const REDRAW_INTERVAL = 0.05;

/** process.stdout where it exists; elsewhere a stream that hands complete lines to console.log. */
function defaultStream(): ProgressStream {
  const stdout = (globalThis as { process?: { stdout?: ProgressStream } }).process?.stdout;
  if (stdout) return stdout;
  return { isTTY: false, write: (chunk: string) => console.log(chunk.replace(/\n$/, '')) };
}

/**
 * Keras's per-epoch progress display for `fit`: `Epoch 3/10`, then
 * `12/63 ━━━━━━━━━━━━━━━━━━━━ 1s 20ms/step - accuracy: 0.9123 - loss: 0.3012`, redrawn in place on a TTY and
 * written once per epoch (its final state) elsewhere so CI logs stay readable. verbose=2 writes
 * `63/63 - 1s - 20ms/step - ...` per epoch. The time per step leaves out the first step (compilation, warm-up).
 */
export class ProgressBar extends Callback {
  private readonly stream: ProgressStream;
  private readonly verboseOverride: 1 | 2 | undefined;
  private readonly colors: boolean;
  private readonly now: () => number;

  private target: number | null = null;
  private seen = 0;
  private start = 0;
  private afterFirstStep: number | null = null;
  private lastRedraw = -Infinity;
  private prevWidth = 0;
  private lineOpen = false;
  private batchLogs: Logs = {};

  constructor(args: ProgressBarArgs = {}) {
    super();
    const a = checkOptions('ProgressBar', args, ['stream', 'verbose', 'colors', 'now']);
    if (a.stream !== undefined && (a.stream === null || typeof a.stream.write !== 'function')) {
      throw argError('ProgressBar', 'stream', 'an object with a write(chunk) method', a.stream);
    }
    if (a.verbose !== undefined && a.verbose !== 1 && a.verbose !== 2) throw argError('ProgressBar', 'verbose', '1 or 2', a.verbose);
    if (a.colors !== undefined && typeof a.colors !== 'boolean') throw argError('ProgressBar', 'colors', 'a boolean', a.colors);
    if (a.now !== undefined && typeof a.now !== 'function') throw argError('ProgressBar', 'now', 'a function', a.now);
    this.stream = a.stream ?? defaultStream();
    this.verboseOverride = a.verbose;
    this.colors = a.colors ?? this.stream.isTTY === true;
    this.now = a.now ?? (() => performance.now());
  }

  private get verbose(): 0 | 1 | 2 {
    return this.verboseOverride ?? this.params?.verbose ?? 1;
  }

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  override onTrainBegin(): void {
    const steps = this.params?.steps;
    this.target = typeof steps === 'number' && Number.isSafeInteger(steps) && steps > 0 ? steps : null;
  }

  override onEpochBegin(epoch: number): void {
    if (this.verbose === 0) return;
    const epochs = this.params?.epochs ?? 1;
    // Keras shows the epoch header only when there is more than one epoch.
    if (epochs > 1) this.stream.write(`Epoch ${epoch + 1}/${epochs}\n`);
    this.seen = 0;
    this.start = this.now();
    this.afterFirstStep = null;
    this.lastRedraw = -Infinity;
    this.prevWidth = 0;
    this.batchLogs = {};
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    if (this.verbose === 0) return;
    this.seen = batch + 1;
    this.batchLogs = { ...logs };
    const now = this.now();
    const perStep = this.secondsPerStep(this.seen, now);
    if (this.verbose !== 1 || !this.tty) return;
    if ((now - this.lastRedraw) / 1000 < REDRAW_INTERVAL) return;
    // An unknown target shows the elapsed time, as there is nothing to estimate from.
    const eta = this.target === null ? null : perStep * Math.max(0, this.target - this.seen);
    const line = formatBarLine({
      current: this.seen, target: this.target, etaSeconds: eta, elapsedSeconds: (now - this.start) / 1000,
      secondsPerStep: perStep, colors: this.colors,
    });
    this.redraw(line + formatMetrics(this.batchLogs), false);
    this.lastRedraw = now;
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    if (this.verbose === 0) return;
    // With no step count given, the first epoch teaches it.
    this.target ??= this.seen;
    // An epoch cut short (stopTraining mid-epoch) shows how far it got.
    const steps = this.seen > 0 ? this.seen : this.target;
    const now = this.now();
    const perStep = this.secondsPerStep(steps, now);
    const elapsed = (now - this.start) / 1000;
    const metrics = formatMetrics({ ...this.batchLogs, ...logs });
    if (this.verbose === 2) {
      this.stream.write(`${formatEpochSummary(steps, this.target, elapsed, perStep)}${metrics}\n`);
      return;
    }
    const line = formatBarLine({
      current: steps, target: this.target, etaSeconds: null, elapsedSeconds: elapsed, secondsPerStep: perStep, colors: this.colors,
    });
    this.redraw(line + metrics, true);
  }

  override onTrainEnd(): void {
    // A bar left mid-line (training interrupted before the epoch ended) gets its newline.
    if (this.lineOpen) this.stream.write('\n');
    this.lineOpen = false;
  }

  /** Writes a line: in place (`\r`, padded over the previous one) on a TTY, as a plain line elsewhere. */
  private redraw(line: string, final: boolean): void {
    if (!this.tty) {
      if (final) this.stream.write(`${line}\n`);
      return;
    }
    const width = visibleWidth(line);
    const pad = this.prevWidth > width ? ' '.repeat(this.prevWidth - width) : '';
    this.stream.write(`\r${line}${pad}${final ? '\n' : ''}`);
    this.prevWidth = width;
    this.lineOpen = !final;
  }

  /** Seconds per step, measured from the end of the first step when possible (as Keras). */
  private secondsPerStep(current: number, now: number): number {
    if (current <= 0) return 0;
    const perStep =
      this.afterFirstStep !== null && current > 1
        ? (now - this.afterFirstStep) / 1000 / (current - 1)
        : (now - this.start) / 1000 / current;
    if (current === 1) this.afterFirstStep = now;
    return perStep;
  }
}
