// Models nested as layers: layer-json reads and writes any layer, and a layer may be a whole model,
// whose reader and writer (model-json) read and write layers in turn. model-json fills this slot when
// it loads, so the recursion happens at run time without the two modules importing each other.
import { NeuriteError } from '@neurite/tensor';
import type { Model } from '../../models/model.js';
import type { KerasObjectJSON } from '../contract.js';
import type { ReadContext } from './context.js';
import type { KerasFlavor } from './flavor.js';

/** The class names of whole models in Keras files. */
export const MODEL_CLASSES = ['Sequential', 'Functional', 'Model'];

export function isModelClass(className: string): boolean {
  return MODEL_CLASSES.includes(className);
}

interface NestedModelCodec {
  read(ctx: ReadContext, spec: Record<string, unknown>): Model;
  write(model: Model, flavor: KerasFlavor): KerasObjectJSON;
}

let codec: NestedModelCodec | null = null;

/** Called once by model-json. */
export function setNestedModelCodec(c: NestedModelCodec): void {
  codec = c;
}

export function nestedModels(): NestedModelCodec {
  if (!codec) throw new NeuriteError('saving: the model reader is not loaded (import the saving module, not one of its files)');
  return codec;
}
