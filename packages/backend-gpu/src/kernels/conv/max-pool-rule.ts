import { windowScan, type ScanNames } from './window-scan.js';

/**
 * Kernel-source condition: whether a max-pool window scan replaces its held value `best` with the next
 * in-bounds value `v`, the CPU's rule (backend-cpu max-pool-argmax.ts): the first value (`found` is 0
 * until then), then anything strictly larger (so the first maximum wins ties), or a NaN unless a NaN is
 * held (so the first NaN wins and propagates). Padding is never scanned.
 */
function MAX_POOL_TAKES(v: string, best: string, found: string): string {
  return `${found} == 0 || ${v} > ${best} || (${v} != ${v} && ${best} == ${best})`;
}

/**
 * Kernel-source scan of one window of x for its maximum by that rule, shared by MaxPool and MaxPoolGrad
 * (which recomputes each window's maximum to find where it is): declares `best` and `found` (0 when the
 * window has no in-bounds tap) and runs `onTake` (optional) each time a value is taken.
 */
export function maxPoolScan(names: ScanNames, onTake?: string): string {
  return `let best = 0;
let found = 0;
${windowScan(names, (at) => `const v = x[${at}];
if (${MAX_POOL_TAKES('v', 'best', 'found')}) {
  best = v;
  found = 1;${onTake === undefined ? '' : `\n  ${onTake}`}
}`)}`;
}
