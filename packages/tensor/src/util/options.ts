import { NeuriteError, argumentError, describe } from './errors.js';

/**
 * An options (or config) key its receiver does not know. Constructors throw it, so a misspelt or
 * Python-style key is never silently ignored; readers of files from other Keras versions catch it to
 * decide whether the key can be ignored (see `@neurite/keras`'s loaders).
 */
export class UnknownOptionError extends NeuriteError {
  constructor(
    readonly owner: string,
    readonly key: string,
    readonly value: unknown,
    readonly known: readonly string[],
  ) {
    super(`${owner}: unknown option '${key}'${hintFor(key, known)}; ${knownList(known)}. Received: ${key}=${describe(value)}`);
  }
}

function knownList(known: readonly string[]): string {
  return known.length ? `the options are ${known.map((k) => `'${k}'`).join(', ')}` : 'it takes no options';
}

/** 'kernel_regularizer' -> 'kernelRegularizer'. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours), for near misses. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * What the error suggests: the camelCase form of a snake_case key (Keras's Python spelling), else the
 * known key nearest to a misspelling (British spellings and dropped letters included), else nothing.
 */
function hintFor(key: string, known: readonly string[]): string {
  const camel = snakeToCamel(key);
  if (camel !== key && known.includes(camel)) return ` (use ${camel}: options are camelCase)`;
  const lower = key.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = k.toLowerCase() === lower ? 0 : distance(lower, k.toLowerCase());
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  // short keys get no guess: l2 is one letter from l1, and nobody misspells a two-letter key
  return best !== null && bestDistance <= Math.floor(key.length / 4) ? ` (did you mean '${best}'?)` : '';
}

/**
 * Checks that every key of `options` whose value is not undefined is one of `known`; throws an
 * `UnknownOptionError` for the first that is not. The one key check every constructor and options
 * object of the project uses.
 */
export function checkKeys(owner: string, options: object, known: readonly string[]): void {
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && !known.includes(key)) throw new UnknownOptionError(owner, key, value, known);
  }
}

/**
 * An optional options object: undefined (and null) give {}, anything but a plain object is an error
 * naming `name`, and every key must be known (see `checkKeys`).
 */
export function readOptionsObject<T extends object>(owner: string, options: T | null | undefined, known: readonly string[], name = 'options'): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw argumentError(owner, name, 'an object', options);
  checkKeys(owner, options, known);
  return options;
}
