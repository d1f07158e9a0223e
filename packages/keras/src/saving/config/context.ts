// What every reading step needs: where the JSON came from (for error messages), the caller's options,
// and whether the file is a Keras 2 / TensorFlow.js one (some names mean other things there).
import { NeuriteError } from '@neurite/tensor';
import type { CustomObjects } from '../contract.js';

export interface ReadContext {
  /** The file (or 'the model JSON') named in every error. */
  source: string;
  customObjects: CustomObjects;
  safeMode: boolean;
  /** Keras 2, tf.keras or TensorFlow.js: `hard_sigmoid` and a few defaults differ from Keras 3. */
  legacy: boolean;
  /** The layer being read, for messages. */
  layer?: { name?: string; className: string };
  /** The Keras version that wrote the file ('3.10.0', 'tfjs-layers 4.22.0'), where it says. */
  producer?: string;
}

export function describeLayer(ctx: ReadContext): string {
  if (!ctx.layer) return '';
  const { name, className } = ctx.layer;
  return name ? ` layer '${name}' (${className})` : ` a ${className} layer`;
}

/** `<source>: layer 'dense' (Dense): <message>` */
export function readError(ctx: ReadContext, message: string): NeuriteError {
  return new NeuriteError(ctx.layer ? `${ctx.source}:${describeLayer(ctx)}: ${message}` : `${ctx.source}: ${message}`);
}

/** Re-throws an error from a constructor with the file and layer in front (once). */
export function withContext<T>(ctx: ReadContext, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith(`${ctx.source}:`)) throw error;
    throw readError(ctx, message);
  }
}

const warned = new Set<string>();

/** Warns once per message per process (a file's unknown key would otherwise warn per layer). */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
