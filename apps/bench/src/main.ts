// `pnpm bench`: times each case on every contender in one run, prints a table with the ratio to
// TensorFlow.js wasm, and writes the same figures to apps/bench/results/latest.json.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { contenders, type Contender } from './contenders.js';
import { medianMs } from './measure.js';

interface Case {
  name: string;
  unit: string;
  /** Higher is better for every unit used here. */
  prepare: (c: Contender) => Promise<() => Promise<void>>;
  /** Converts a median time in ms to the reported figure. */
  figure: (ms: number) => number;
}

const MATMUL_SIZES = [256, 512, 1024];
const DROPOUT_SIZE = 4 * 1024 * 1024;
const MLP_BATCH = 128;

const cases: Case[] = [
  ...MATMUL_SIZES.map((n) => ({
    name: `matMul ${n}x${n}`,
    unit: 'GFLOP/s',
    prepare: (c: Contender) => c.matMul(n),
    figure: (ms: number) => (2 * n ** 3) / (ms * 1e6),
  })),
  {
    name: 'dropout fwd+bwd 4M',
    unit: 'GB/s',
    prepare: (c: Contender) => c.dropout(DROPOUT_SIZE),
    // forward reads x and writes y; backward reads dy and writes dx: 4 float32 streams
    figure: (ms: number) => (4 * 4 * DROPOUT_SIZE) / (ms * 1e6),
  },
  {
    name: `MLP train step, batch ${MLP_BATCH}`,
    unit: 'samples/s',
    prepare: (c: Contender) => c.mlpTrainStep(MLP_BATCH),
    figure: (ms: number) => MLP_BATCH / (ms / 1000),
  },
];

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const results: Record<string, Record<string, number | null>> = {};
const errors: Record<string, string> = {};

for (const contender of contenders) {
  await contender.activate();
  for (const c of cases) {
    results[c.name] ??= {};
    try {
      const run = await c.prepare(contender);
      const ms = await medianMs(run, RUNS);
      results[c.name][contender.name] = c.figure(ms);
    } catch (e) {
      results[c.name][contender.name] = null;
      errors[`${c.name} / ${contender.name}`] = (e as Error).message;
    }
    process.stdout.write('.');
  }
}
process.stdout.write('\n');

const BASELINE = 'tfjs wasm';
const names = contenders.map((c) => c.name);
const header = ['case', 'unit', ...names.map((n) => `${n} (x ${BASELINE})`)];
const rows = cases.map((c) => {
  const base = results[c.name][BASELINE];
  return [
    c.name,
    c.unit,
    ...names.map((n) => {
      const v = results[c.name][n];
      if (v == null) return 'failed';
      return base ? `${v.toFixed(2)} (${(v / base).toFixed(2)}x)` : v.toFixed(2);
    }),
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
console.log(`Median of ${RUNS} runs per figure on ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));
for (const [where, message] of Object.entries(errors)) console.log(`failed: ${where}: ${message}`);

const dir = new URL('../results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const report = { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, runs: RUNS, baseline: BASELINE, results, errors };
const tmp = new URL('latest.json.tmp', dir);
writeFileSync(tmp, JSON.stringify(report, null, 2) + '\n');
renameSync(tmp, new URL('latest.json', dir));
console.log(`wrote ${new URL('latest.json', dir).pathname}`);
