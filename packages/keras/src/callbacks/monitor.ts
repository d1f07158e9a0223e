import type { Logs } from './callback.js';
import { argError } from './validate.js';

/** How a monitored quantity improves: 'min' (a loss) or 'max' (an accuracy); 'auto' guesses from its name. */
export type MonitorMode = 'auto' | 'min' | 'max';

/** Checks a `mode` option. */
export function checkMode(owner: string, mode: unknown): MonitorMode {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max') throw argError(owner, 'mode', "one of 'auto', 'min', 'max'", mode);
  return mode;
}

/** Resolves 'auto': accuracies and AUCs improve upwards, everything else (losses, errors) downwards. */
export function resolveMode(mode: MonitorMode, monitor: string): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  const name = monitor.toLowerCase();
  return name.includes('acc') || name.includes('auc') ? 'max' : 'min';
}

/**
 * Reads the monitored value from epoch logs. A missing key warns once per `warned` holder (naming the key and
 * the keys available, as Keras does) and gives undefined, so training goes on.
 */
export function readMonitored(
  owner: string,
  what: string,
  monitor: string,
  logs: Logs | undefined,
  warned: { value: boolean },
): number | undefined {
  const value = logs?.[monitor];
  if (typeof value === 'number') return value;
  if (!warned.value) {
    warned.value = true;
    const available = Object.keys(logs ?? {}).join(',');
    console.warn(`${owner}: ${what} is conditioned on metric \`${monitor}\` which is not available. Available metrics are: ${available}`);
  }
  return undefined;
}
