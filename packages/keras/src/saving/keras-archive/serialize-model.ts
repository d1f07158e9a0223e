import { NeuriteError } from '@neurite/tensor';
import type { Model } from '../../models/model.js';
import { modelToKerasJSON } from '../config/index.js';
import type { KerasObjectJSON } from '../contract.js';
import { messageOf } from '../sources/index.js';

/** The model's Keras 3 config.json object; an error names the model when it cannot be written. */
export function modelConfigJson(model: Model, operation: string): KerasObjectJSON {
  try {
    return modelToKerasJSON(model, { flavor: 'keras3' });
  } catch (e) {
    const error = new NeuriteError(`${operation}: the configuration of model '${model.name}' cannot be written: ${messageOf(e)}`);
    (error as Error & { cause?: unknown }).cause = e;
    throw error;
  }
}
