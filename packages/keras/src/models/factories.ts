import { Model, type ModelArgs } from './model.js';
import { Sequential, type SequentialArgs } from './sequential.js';

/** A functional model from inputs and outputs (TensorFlow.js's `tf.model`). */
export function model(args: ModelArgs): Model {
  return new Model(args);
}

/** A Sequential model (TensorFlow.js's `tf.sequential`). */
export function sequential(args: SequentialArgs = {}): Sequential {
  return new Sequential(args);
}
