// Whole models to and from Keras JSON: Sequential and functional ('Functional', TensorFlow.js's 'Model').
import { NeuriteError } from '@neurite/tensor';
import type { Model } from '../../models/model.js';
import { Sequential } from '../../models/sequential.js';
import type { KerasObjectJSON, LoadOptions } from '../contract.js';
import { readError, type ReadContext } from './context.js';
import type { KerasFlavor } from './flavor.js';
import { readFunctional } from './functional-read.js';
import { writeFunctional } from './functional-write.js';
import { makeContext } from './layer-json.js';
import { MODEL_CLASSES, setNestedModelCodec } from './nested-models.js';
import { readSequential, writeSequential } from './sequential-json.js';
import { unwrapModelJSON } from './unwrap.js';

export type { KerasFlavor } from './flavor.js';

export interface ModelToJSONOptions {
  /** 'keras3' (default): Keras 3's config.json; 'tfjs': Keras 2 / TensorFlow.js's modelTopology. */
  flavor?: KerasFlavor;
}

/** `source` (the file, for messages) and `kerasVersion` (its metadata's) are set by the file loaders. */
export type ModelFromJSONOptions = LoadOptions & { source?: string; kerasVersion?: string };

export { isModelClass } from './nested-models.js';

/** A model entry ({ class_name, config }) once unwrapped; also used for models nested as layers. */
export function modelFromConfig(ctx: ReadContext, spec: Record<string, unknown>): Model {
  const className = spec.class_name as string;
  if (className === 'Sequential') return readSequential(ctx, spec);
  if (className === 'Functional' || className === 'Model') return readFunctional(ctx, spec);
  throw readError(ctx, `expected a model class (${MODEL_CLASSES.join(', ')}). Received: class_name='${className}'`);
}

/**
 * Rebuilds a model (fresh weights) from Keras JSON: Keras 3's config.json, Keras 2 / tf.keras's
 * model_config, or TensorFlow.js's model.json / modelTopology; as an object or a JSON string.
 */
export function modelFromKerasJSON(json: unknown, options: ModelFromJSONOptions = {}): Model {
  const base = makeContext(options);
  const { spec, legacy, kerasVersion } = unwrapModelJSON(base, json);
  return modelFromConfig({ ...base, legacy, producer: base.producer ?? kerasVersion }, spec);
}

/** A model as Keras JSON: Keras 3's config.json object by default, TensorFlow.js's modelTopology for 'tfjs'. */
export function modelToKerasJSON(model: Model, options: ModelToJSONOptions = {}): KerasObjectJSON {
  const flavor = options.flavor ?? 'keras3';
  if (flavor !== 'keras3' && flavor !== 'tfjs') {
    throw new NeuriteError(`modelToKerasJSON: flavor must be 'keras3' or 'tfjs'. Received: flavor=${JSON.stringify(flavor)}`);
  }
  return model instanceof Sequential ? writeSequential(model, flavor) : writeFunctional(model, flavor);
}

setNestedModelCodec({ read: modelFromConfig, write: (model, flavor) => modelToKerasJSON(model, { flavor }) });
