// Keras's progress-bar formatting, as pure functions of numbers (times in seconds).

/** Width of the bar in characters, as Keras. */
export const BAR_WIDTH = 20;

const BOLD = '\x1b[1m';
const GREEN = '\x1b[32m';
const GRAY = '\x1b[37m';
const RESET = '\x1b[0m';

/** Wraps `text` in an ANSI style when colours are on. */
function style(text: string, code: string, colors: boolean): string {
  return colors ? `${code}${text}${RESET}` : text;
}

/** Python's `%.4e`: a two-digit exponent at least (`1.0000e-04`). */
function pythonExponential(value: number): string {
  return value.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A metric value: 4 decimals, or scientific notation for magnitudes <= 1e-3; `nan`/`inf` as Python prints them. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return Math.abs(value) > 1e-3 ? value.toFixed(4) : pythonExponential(value);
}

/** Time per step: `2s/step`, `20ms/step` or `350us/step` (0 reads `0s/step`). */
export function formatStepTime(seconds: number, unit = 'step'): string {
  if (seconds >= 1 || seconds === 0) return `${seconds.toFixed(0)}s/${unit}`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(0)}ms/${unit}`;
  return `${(seconds * 1e6).toFixed(0)}us/${unit}`;
}

const pad2 = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** Time left: `42s`, `1:05` past a minute, `1:01:05` past an hour (truncated, as Keras). */
export function formatEta(seconds: number): string {
  if (seconds > 3600) return `${Math.floor(seconds / 3600)}:${pad2((seconds % 3600) / 60)}:${pad2(seconds % 60)}`;
  if (seconds > 60) return `${Math.floor(seconds / 60)}:${pad2(seconds % 60)}`;
  return `${Math.trunc(seconds)}s`;
}

/** Time elapsed, rounded to whole seconds: `3s`. */
export function formatElapsed(seconds: number): string {
  return `${seconds.toFixed(0)}s`;
}

/** `current/target` with the count right-aligned to the target's width (` 7/63`), or `   7/Unknown`. */
export function formatCount(current: number, target: number | null): string {
  if (target === null) return `${String(current).padStart(7)}/Unknown`;
  return `${String(current).padStart(String(target).length)}/${target}`;
}

/** ` - accuracy: 0.9123 - loss: 0.3012`, keys sorted as Keras sorts its logs. */
export function formatMetrics(values: Record<string, number>): string {
  return Object.keys(values)
    .sort()
    .map((k) => ` - ${k}: ${formatValue(values[k])}`)
    .join('');
}

/** The verbose=1 line without metrics: count, bar, then the ETA (during the epoch) or the elapsed time, and time per step. */
export function formatBarLine(args: {
  current: number;
  target: number | null;
  /** Seconds left, or null once the epoch is over (the elapsed time is shown instead). */
  etaSeconds: number | null;
  elapsedSeconds: number;
  secondsPerStep: number;
  colors: boolean;
}): string {
  const { current, target, colors } = args;
  let bar = style(formatCount(current, target), BOLD, colors);
  if (target !== null) {
    const filled = Math.min(BAR_WIDTH, Math.floor((BAR_WIDTH * current) / target));
    // Without colours the unfilled part needs its own glyph to be seen.
    const rest = BAR_WIDTH - filled;
    bar += ' ';
    if (filled > 0) bar += style('━'.repeat(filled), GREEN, colors);
    if (rest > 0) bar += colors ? style('━'.repeat(rest), GRAY, colors) : '─'.repeat(rest);
  }
  const time = args.etaSeconds === null ? formatElapsed(args.elapsedSeconds) : formatEta(args.etaSeconds);
  return `${bar} ${style(time, BOLD, colors)} ${formatStepTime(args.secondsPerStep)}`;
}

/** The verbose=2 line without metrics: `63/63 - 1s - 20ms/step`. */
export function formatEpochSummary(steps: number, target: number, elapsedSeconds: number, secondsPerStep: number): string {
  return `${formatCount(steps, target)} - ${formatElapsed(elapsedSeconds)} - ${formatStepTime(secondsPerStep)}`;
}

/** Printable width of a line: its length without ANSI escapes. */
export function visibleWidth(line: string): number {
  return line.replace(/\x1b\[[0-9;]*m/g, '').length;
}
