// `pnpm bench`: times each case on every contender in one run, prints a table with the speed relative
// to TensorFlow.js wasm, and writes the same figures to apps/bench/results/latest.json.
//
// Environment: BENCH_RUNS (most timed runs per figure, default 7), BENCH_SLOW_RUNS (for slow
// contenders, default 3), BENCH_FIGURE_S (time budget of the timed runs of one figure, default 6),
// BENCH_SKIP_S (a figure whose one run is estimated above this is skipped, default 20),
// BENCH_ONLY / BENCH_CASES (comma-separated substrings of contender / case names, for development:
// a filtered run writes results/partial.json instead of latest.json), BENCH_NO_XVFB=1 (do not re-run
// under xvfb-run).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { delimiter, join } from 'node:path';

// headless-gl needs an X display. Without one, re-run this script under a virtual one when xvfb-run is
// installed; otherwise the headlessgl contender reports that it cannot start.
if (!process.env.DISPLAY && !process.env.BENCH_NO_XVFB && !process.env.BENCH_UNDER_XVFB) {
  const xvfb = findOnPath('xvfb-run');
  if (xvfb) {
    const child = spawnSync(xvfb, ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_UNDER_XVFB: '1' },
    });
    process.exit(child.status ?? 1);
  }
}

const { contenders, LSTM_MODEL } = await import('./contenders.js');
const { measure } = await import('./measure.js');
type Contender = import('./contenders.js').Contender;
type Step = import('./contenders.js').Step;

interface Case {
  name: string;
  unit: string;
  higherIsBetter: boolean;
  /** Resolves to the step to time, or null where the contender has no such case. */
  prepare: (c: Contender) => Promise<Step | null>;
  /** Converts a median time in ms to the reported figure. */
  figure: (ms: number) => number;
  /**
   * An estimate of one run's time from earlier figures of the same contender (ms by case name), used
   * to skip a figure that would take too long.
   */
  estimateMs?: (earlier: Record<string, number>) => number | null;
  /**
   * A smaller version of the case (its step and how many times more work the full one does), run
   * twice before the figure to estimate one full run's time.
   */
  probe?: { prepare: (c: Contender) => Promise<Step | null>; scale: number };
}

const MATMUL_SIZES = [256, 512, 1024];
const CONV = { batch: 32, height: 28, width: 28, inChannels: 32, outChannels: 64, filterSize: 3 };
const DROPOUT_SIZE = 4 * 1024 * 1024;
const MLP_BATCH = 128;
const LSTM_BATCH = 64;

const matMulName = (n: number) => `matMul ${n}x${n}`;
const cases: Case[] = [
  ...MATMUL_SIZES.map((n, i) => ({
    name: matMulName(n),
    unit: 'GFLOP/s',
    higherIsBetter: true,
    prepare: (c: Contender) => c.matMul(n),
    figure: (ms: number) => (2 * n ** 3) / (ms * 1e6),
    estimateMs: (earlier: Record<string, number>) => {
      const m = MATMUL_SIZES[i - 1];
      const before = m ? earlier[matMulName(m)] : undefined;
      return before == null ? null : before * (n / m) ** 3;
    },
  })),
  ...(['forward', 'step'] as const).map((kind) => ({
    name: `conv2d ${kind === 'forward' ? 'fwd' : 'fwd+bwd'} ${CONV.batch}x${CONV.height}x${CONV.width}x${CONV.inChannels}->${CONV.outChannels} 3x3`,
    unit: kind === 'forward' ? 'ms' : 'ms/step',
    higherIsBetter: false,
    prepare: (c: Contender) => c.conv2d(CONV, kind),
    figure: (ms: number) => ms,
    probe: { prepare: (c: Contender) => c.conv2d({ ...CONV, batch: 1 }, kind), scale: CONV.batch },
  })),
  {
    name: 'dropout fwd+bwd 4M',
    unit: 'GB/s',
    higherIsBetter: true,
    prepare: (c: Contender) => c.dropout(DROPOUT_SIZE),
    // forward reads x and writes y; backward reads dy and writes dx: 4 float32 streams
    figure: (ms: number) => (4 * 4 * DROPOUT_SIZE) / (ms * 1e6),
  },
  {
    name: `MLP train step, batch ${MLP_BATCH}`,
    unit: 'samples/s',
    higherIsBetter: true,
    prepare: async (c: Contender) => (c.mlpTrainStep ? c.mlpTrainStep(MLP_BATCH) : null),
    figure: (ms: number) => MLP_BATCH / (ms / 1000),
  },
  {
    name: `LSTM(${LSTM_MODEL.units}) train step, ${LSTM_MODEL.steps} steps, batch ${LSTM_BATCH}`,
    unit: 'samples/s',
    higherIsBetter: true,
    prepare: async (c: Contender) => (c.lstmTrainStep ? c.lstmTrainStep(LSTM_BATCH) : null),
    figure: (ms: number) => LSTM_BATCH / (ms / 1000),
  },
];

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 3);
const BUDGET_MS = Number(process.env.BENCH_FIGURE_S ?? 6) * 1000;
const SKIP_MS = Number(process.env.BENCH_SKIP_S ?? 20) * 1000;
const BASELINE = 'tfjs wasm';
const filter = (list: string | undefined) => list?.split(',').map((s) => s.trim()).filter(Boolean);
const onlyContenders = filter(process.env.BENCH_ONLY);
const onlyCases = filter(process.env.BENCH_CASES);
const chosenContenders = contenders.filter((c) => !onlyContenders || onlyContenders.some((s) => c.name.includes(s)));
const chosenCases = cases.filter((c) => !onlyCases || onlyCases.some((s) => c.name.includes(s)));

/** What one cell holds. */
type Cell =
  | { kind: 'figure'; value: number; ms: number; runs: number; firstMs: number }
  | { kind: 'error'; message: string }
  | { kind: 'skipped'; message: string }
  | { kind: 'n/a' };

const cells: Record<string, Record<string, Cell>> = {};
const notes: Record<string, string> = {};
const modes: Record<string, string> = {};
const cannotStart: Record<string, string> = {};
const started = performance.now();

for (const contender of chosenContenders) {
  const t0 = performance.now();
  process.stdout.write(`${contender.name}: `);
  let info: { mode?: string; note?: string } | null;
  try {
    info = await contender.activate();
  } catch (e) {
    cannotStart[contender.name] = oneLine(e);
    process.stdout.write(`cannot start (${cannotStart[contender.name]})\n`);
    continue;
  }
  if (info?.mode) modes[contender.name] = info.mode;
  if (info?.note) notes[contender.name] = info.note;
  const runs = contender.slow ? Math.min(SLOW_RUNS, RUNS) : RUNS;
  const oneRunMs: Record<string, number> = {};
  for (const c of chosenCases) {
    const row = (cells[c.name] ??= {});
    try {
      let estimate = c.estimateMs?.(oneRunMs) ?? null;
      if (estimate == null && c.probe) {
        const probe = await c.probe.prepare(contender);
        if (probe) {
          await probe();
          const start = performance.now();
          await probe();
          estimate = (performance.now() - start) * c.probe.scale;
        }
      }
      if (estimate != null && estimate > SKIP_MS) {
        row[contender.name] = {
          kind: 'skipped',
          message: `one run estimated at ${(estimate / 1000).toFixed(0)} s from a smaller size (limit ${SKIP_MS / 1000} s)`,
        };
        process.stdout.write('s');
        continue;
      }
      const step = await c.prepare(contender);
      if (!step) {
        row[contender.name] = { kind: 'n/a' };
      } else {
        const m = await measure(step, { runs, warmup: 2, budgetMs: BUDGET_MS, maxFirstMs: SKIP_MS });
        oneRunMs[c.name] = m.medianMs;
        row[contender.name] = { kind: 'figure', value: c.figure(m.medianMs), ms: m.medianMs, runs: m.runs, firstMs: m.firstMs };
      }
      process.stdout.write('.');
    } catch (e) {
      row[contender.name] = { kind: 'error', message: oneLine(e) };
      process.stdout.write('x');
    }
  }
  try {
    await contender.deactivate();
  } catch {
    // Freeing memory is best effort; a failure here says nothing about the figures.
  }
  process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

// ---- table -------------------------------------------------------------------------------------------

const footnotes: string[] = [];
const footnote = (text: string) => {
  let i = footnotes.indexOf(text);
  if (i < 0) i = footnotes.push(text) - 1;
  return `[${i + 1}]`;
};
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function cellText(c: Case, name: string): string {
  const cell = cells[c.name]?.[name];
  if (!cell) return '-';
  if (cell.kind === 'n/a') return 'n/a';
  if (cell.kind === 'error') return `error ${footnote(cell.message)}`;
  if (cell.kind === 'skipped') return `skipped ${footnote(cell.message)}`;
  const base = cells[c.name]?.[BASELINE];
  let text = fmt(cell.value);
  if (base?.kind === 'figure') {
    const speed = c.higherIsBetter ? cell.value / base.value : base.value / cell.value;
    text += ` (${speed.toFixed(2)}x)`;
  }
  if (cell.runs === 0) text += ' (warm-up run only)';
  else if (cell.runs < (chosenContenders.find((x) => x.name === name)?.slow ? Math.min(SLOW_RUNS, RUNS) : RUNS)) text += ` n=${cell.runs}`;
  return text;
}

const header = ['contender', ...chosenCases.map((c) => c.name)];
const units = ['', ...chosenCases.map((c) => c.unit)];
const rows = chosenContenders.map((k) => {
  let label = k.name;
  if (modes[k.name] && !k.name.endsWith(modes[k.name])) label = label.replace(/\)$/, ` -> ${modes[k.name]})`);
  if (notes[k.name]) label += ` ${footnote(`${k.name}: ${notes[k.name]}`)}`;
  if (cannotStart[k.name]) return [label, `cannot start: ${cannotStart[k.name]}`];
  return [label, ...chosenCases.map((c) => cellText(c, k.name))];
});
const widths = header.map((h, i) => Math.max(h.length, units[i].length, ...rows.map((r) => (r.length === header.length || i === 0 ? r[i].length : 0))));
const line = (cells: string[]) => cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i]) : cell)).join('  ');

console.log();
console.log(
  `Median of up to ${RUNS} timed runs per figure (${Math.min(SLOW_RUNS, RUNS)} for slow contenders; "n=k" where the ${BUDGET_MS / 1000} s budget per figure allowed fewer), after warm-up, on ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
);
console.log(`In brackets: speed relative to ${BASELINE} (above 1 = faster), for every unit. GPU contenders' times include reading the result back.`);
console.log(line(header));
console.log(line(units));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));
footnotes.forEach((text, i) => console.log(`[${i + 1}] ${text}`));
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);

// ---- JSON --------------------------------------------------------------------------------------------

const results: Record<string, Record<string, number | null>> = {};
const ms: Record<string, Record<string, number>> = {};
const runsUsed: Record<string, Record<string, number>> = {};
const errors: Record<string, string> = {};
const skipped: Record<string, string> = {};
for (const c of chosenCases) {
  results[c.name] = {};
  for (const k of chosenContenders) {
    const cell = cells[c.name]?.[k.name];
    results[c.name][k.name] = cell?.kind === 'figure' ? cell.value : null;
    if (cell?.kind === 'figure') {
      (ms[c.name] ??= {})[k.name] = cell.ms;
      (runsUsed[c.name] ??= {})[k.name] = cell.runs;
    }
    if (cell?.kind === 'error') errors[`${c.name} / ${k.name}`] = cell.message;
    if (cell?.kind === 'skipped') skipped[`${c.name} / ${k.name}`] = cell.message;
    if (cannotStart[k.name]) errors[`${c.name} / ${k.name}`] = `cannot start: ${cannotStart[k.name]}`;
  }
}
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  runs: RUNS,
  slowRuns: SLOW_RUNS,
  figureBudgetS: BUDGET_MS / 1000,
  baseline: BASELINE,
  units: Object.fromEntries(chosenCases.map((c) => [c.name, c.unit])),
  results,
  medianMs: ms,
  runsUsed,
  contenders: Object.fromEntries(chosenContenders.map((k) => [k.name, cannotStart[k.name] ? { cannotStart: cannotStart[k.name] } : { mode: modes[k.name] ?? null, note: notes[k.name] ?? null }])),
  errors,
  skipped,
};
const dir = new URL('../results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = onlyContenders || onlyCases ? 'partial.json' : 'latest.json';
const tmp = new URL(`${file}.tmp`, dir);
writeFileSync(tmp, JSON.stringify(report, null, 2) + '\n');
renameSync(tmp, new URL(file, dir));
console.log(`wrote ${new URL(file, dir).pathname}`);
// gpu.js and the wasm runtimes can keep handles open; the figures are written, so end here.
process.exit(0);

function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s+/g, ' ').trim();
}

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
