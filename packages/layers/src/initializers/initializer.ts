import { NeuriteError, Registry, type DType, type Tensor } from '@neurite/tensor';

export type InitializerConfig = Record<string, unknown>;

/** Makes a layer weight's first value. Keras's class names and config keys (`seed`, `stddev`, …). */
export abstract class Initializer {
  static className: string;

  abstract apply(shape: number[], dtype?: DType): Tensor;

  getConfig(): InitializerConfig {
    return {};
  }

  get className(): string {
    return (this.constructor as typeof Initializer).className;
  }
}

export type InitializerClass = (new (config?: any) => Initializer) & { className: string };
/** The registered initializer classes by name (a downstream library may register its own here, with options). */
export const initializerClasses = new Registry<InitializerClass>('initializer');

/** Makes an initializer class known to `getInitializer`, under its class name and any aliases. */
export function registerInitializer(cls: InitializerClass, ...aliases: string[]): void {
  if (typeof cls !== 'function' || typeof cls.className !== 'string' || cls.className === '') {
    throw new NeuriteError('registerInitializer: cls must be an Initializer subclass with a static className');
  }
  initializerClasses.register('registerInitializer', [cls.className, ...aliases], cls);
}

export type InitializerIdentifier = Initializer | string | { className: string; config?: InitializerConfig };

/** An initializer from an instance, a name (`'glorotUniform'`, `'glorot_uniform'`) or `{ className, config }`. */
export function getInitializer(id: InitializerIdentifier, owner = 'getInitializer'): Initializer {
  if (id instanceof Initializer) return id;
  const [name, config] = typeof id === 'string' ? [id, undefined] : [id?.className, id?.config];
  const cls = initializerClasses.require(owner, name, name ?? id);
  return new cls(config ?? {});
}

export function serializeInitializer(init: Initializer): { className: string; config: InitializerConfig } {
  return { className: init.className, config: init.getConfig() };
}
