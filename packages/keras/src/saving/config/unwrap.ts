// Finds the model in what a caller hands over: a JSON string, Keras 3's config.json object, a Keras 2
// `model_config` wrapper (HDF5 attributes), or TensorFlow.js's model.json with its `modelTopology`.
import { isRecord, readError, type ReadContext } from './context.js';

export interface Unwrapped {
  spec: Record<string, unknown>;
  /** keras_version where the wrapper gives one ('3.10.0', '2.15.0', 'tfjs-layers 4.22.0'). */
  kerasVersion?: string;
  /** Keras 2 / tf.keras / TensorFlow.js rather than Keras 3. */
  legacy: boolean;
}

function parse(ctx: ReadContext, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw readError(ctx, `not valid JSON (${(error as Error).message})`);
  }
}

export function unwrapModelJSON(ctx: ReadContext, json: unknown): Unwrapped {
  let value = typeof json === 'string' ? parse(ctx, json) : json;
  let kerasVersion: string | undefined;
  // Wrappers can nest: model.json -> modelTopology -> model_config.
  for (let depth = 0; depth < 4 && isRecord(value); depth++) {
    if (typeof value.keras_version === 'string') kerasVersion ??= value.keras_version;
    const inner = value.modelTopology ?? value.model_config;
    if (inner === undefined || typeof value.class_name === 'string') break;
    value = typeof inner === 'string' ? parse(ctx, inner) : inner;
  }
  if (!isRecord(value) || typeof value.class_name !== 'string') {
    throw readError(ctx, 'expected a Keras model: { class_name, config }, or a wrapper with model_config or modelTopology');
  }
  // Keras 3 writes `module` on every object; Keras 2 and TensorFlow.js never do.
  const legacy = kerasVersion !== undefined ? !/^3\./.test(kerasVersion) : !('module' in value);
  return { spec: value, kerasVersion, legacy };
}
