// One entry point for a downstream library's own classes: whichever kind they are, they become known
// wherever Neurite reads a class name (fromConfig, get/deserialize, and model files).
import { argumentError, type RegisterOptions } from '@neurite/tensor';
import { Constraint, Initializer, Layer, constraintClasses, initializerClasses, layerClasses } from '@neurite/layers';
import { Regularizer, regularizerClasses } from '@neurite/regularizers';
import { Loss } from './losses/loss-base.js';
import { addLossClass } from './losses/registry.js';

/** A class `registerSerializable` takes: a subclass of one of Neurite's serializable bases, named by a static `className`. */
export type SerializableClass = (abstract new (...args: any[]) => Layer | Regularizer | Initializer | Constraint | Loss) & { className: string };

/**
 * Makes a class known by its static `className` to deserialization and to model files (`.keras`, `.h5`,
 * TensorFlow.js), so they load with no `customObjects`: a subclass of `Layer`, `Regularizer`,
 * `Initializer`, `Constraint` or `Loss`. Registering the same class again does nothing; another class
 * under a taken name is an error, unless `{ override: true }` (for code reloaded in development).
 * Returns the class, so a module can register and export it in one statement.
 */
export function registerSerializable<C extends SerializableClass>(cls: C, options: RegisterOptions = {}): C {
  const owner = 'registerSerializable';
  if (typeof cls !== 'function') throw argumentError(owner, 'cls', 'a class (a subclass of Layer, Regularizer, Initializer, Constraint or Loss)', cls);
  const name = (cls as { className?: unknown }).className;
  if (typeof name !== 'string' || name === '') {
    throw argumentError(owner, 'cls.className', 'a non-empty string: the static name the class is saved under', name);
  }
  const prototype: unknown = cls.prototype;
  const concrete = cls as never;
  if (prototype instanceof Layer) layerClasses.register(owner, [name], concrete, options);
  else if (prototype instanceof Regularizer) regularizerClasses.register(owner, [name], concrete, options);
  else if (prototype instanceof Initializer) initializerClasses.register(owner, [name], concrete, options);
  else if (prototype instanceof Constraint) constraintClasses.register(owner, [name], concrete, options);
  else if (prototype instanceof Loss) addLossClass(name, concrete, options, owner);
  else throw argumentError(owner, 'cls', 'a subclass of Layer, Regularizer, Initializer, Constraint or Loss', cls);
  return cls;
}
