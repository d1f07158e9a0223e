// Reading files from other Keras versions: strict constructors, tolerant readers. Newer Keras versions add
// config keys (bookkeeping such as `lora_rank: null`, or new options at their defaults); a key Neurite
// does not know is ignored, with one warning per class and key, when its value cannot change the maths,
// and is an error naming the file, the layer, the key and the value when it could.
import { UnknownOptionError } from '@neurite/tensor';
import { camelToSnake } from './case.js';
import { isRecord, readError, warnOnce, type ReadContext } from './context.js';

/**
 * Values an unknown key may hold and still be ignored: null (Keras's "not set"), false (a feature left
 * off), and empty lists and records. Anything else might change what the object computes.
 */
export function isNeutral(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

/** "written by Keras 3.12.0", or nothing when the file does not say. */
function producerNote(ctx: ReadContext): string {
  return ctx.producer ? ` (the file was written by Keras ${ctx.producer})` : '';
}

/**
 * Decides about one key of class `className`'s config that Neurite does not know, spelled `key` as in
 * the file: returns (after warning once) when it may be ignored, throws when it may not.
 */
export function tolerateUnknownKey(ctx: ReadContext, className: string, key: string, value: unknown, where = ''): void {
  const at = where ? `${where}: ` : '';
  if (isNeutral(value)) {
    warnOnce(`${ctx.source}: ${className} config key '${key}' (= ${JSON.stringify(value)}) is unknown to Neurite and was ignored${producerNote(ctx)}`);
    return;
  }
  throw readError(
    ctx,
    `${at}${className} config key '${key}' = ${JSON.stringify(value)} is unknown to Neurite, and a value other than null may change ` +
      `what the ${className} computes, so the file cannot be read faithfully${producerNote(ctx)}`,
  );
}

/**
 * Builds an object from a file's config (already in camelCase) with a strict constructor: each unknown
 * key the constructor reports (an `UnknownOptionError` from `owner` itself) goes to `tolerateUnknownKey`
 * and, if tolerated, is dropped before trying again. Errors from nested objects pass through.
 */
export function constructLeniently<T>(
  ctx: ReadContext, owner: string, config: Record<string, unknown>, make: (config: Record<string, unknown>) => T, where = '',
): T {
  const remaining = { ...config };
  for (;;) {
    try {
      return make(remaining);
    } catch (error) {
      if (!(error instanceof UnknownOptionError) || error.owner !== owner || !(error.key in remaining)) throw error;
      tolerateUnknownKey(ctx, owner, camelToSnake(error.key), error.value, where);
      delete remaining[error.key];
    }
  }
}
