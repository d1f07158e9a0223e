import { NeuriteError, Registry, describeValue } from '@neurite/tensor';
import { Regularizer, type RegularizerConfig } from './regularizer.js';

export type RegularizerClass = (new (config?: any) => Regularizer) & { className: string };

/** The registered regularizer classes by name (a downstream library may register its own here, with options). */
export const regularizerClasses = new Registry<RegularizerClass>('regularizer');

/**
 * Makes a regularizer class known to `deserialize` under its Keras class name and any string aliases
 * (Keras's snake_case names such as `'l1_l2'`). Users register their own classes the same way.
 */
export function registerRegularizer(cls: RegularizerClass, ...aliases: string[]): void {
  if (typeof cls !== 'function' || typeof cls.className !== 'string' || cls.className === '') {
    throw new NeuriteError('registerRegularizer: cls must be a Regularizer subclass with a static className');
  }
  regularizerClasses.register('registerRegularizer', [cls.className, ...aliases], cls);
}

/** The serialized form: Keras's class name and config (the keras package writes the file format). */
export type SerializedRegularizer = {
  className: string;
  config: RegularizerConfig;
};

export function serialize(regularizer: Regularizer): SerializedRegularizer {
  if (!(regularizer instanceof Regularizer)) {
    throw new NeuriteError(`serialize: regularizer must be a Regularizer. Received: regularizer=${describeValue(regularizer)}`);
  }
  return { className: regularizer.className, config: regularizer.getConfig() };
}

export type RegularizerIdentifier =
  | Regularizer
  | string
  | SerializedRegularizer
  | { class_name: string; config?: RegularizerConfig };

/**
 * A regularizer from a class name or alias (`'L2'`, `'l2'`, `'l1_l2'`), a serialized object (camelCase
 * `className` or Keras's `class_name`), or an instance (returned as is).
 */
export function deserialize(id: RegularizerIdentifier): Regularizer {
  if (id instanceof Regularizer) return id;
  let name: unknown;
  let config: RegularizerConfig | undefined;
  if (typeof id === 'string') name = id;
  else if (id && typeof id === 'object') {
    name = 'className' in id ? id.className : (id as { class_name: string }).class_name;
    config = id.config;
  }
  const cls = regularizerClasses.require('deserialize', name, name ?? id);
  return new cls(config ?? {});
}

/** Like `deserialize`, but `null`/`undefined` give `null` (no regularizer). */
export function getRegularizer(id: RegularizerIdentifier | null | undefined): Regularizer | null {
  return id == null ? null : deserialize(id);
}
