import { NeuriteError } from '@neurite/tensor';
import type { Model } from '../../models/model.js';
import { modelFromKerasJSON } from '../config/index.js';
import type { LoadOptions } from '../contract.js';
import { fileError, messageOf } from '../sources/index.js';

/**
 * The model (fresh weights) from a file's Keras JSON. The config module's own errors (an unknown layer
 * class, a bad argument) are kept; when they do not name the file, the file is added in front.
 */
export function buildModel(json: unknown, options: LoadOptions, name: string, operation: string, member: string, kerasVersion?: string): Model {
  try {
    return modelFromKerasJSON(json, { ...options, source: name, kerasVersion });
  } catch (e) {
    if (e instanceof NeuriteError && e.message.includes(name)) throw e;
    throw fileError(operation, name, `${member}: the model cannot be built: ${messageOf(e)}`, e);
  }
}
