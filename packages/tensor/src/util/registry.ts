import { NeuriteError, argumentError } from './errors.js';

/** How `Registry.register` treats a name that another value already holds. */
export interface RegisterOptions {
  /** Replace the value a name holds (for reloading code in development); off by default. */
  override?: boolean;
}

/**
 * Names to the classes (or functions) of one kind: layers, regularizers, initializers, losses, … One
 * shape for every registry in Neurite and for a downstream library's own. Registering the same value
 * again under a name is a no-op; another value under a taken name is an error unless `override`, so two
 * classes never silently claim one name in a model file.
 */
export class Registry<T> {
  private readonly entries = new Map<string, T>();

  /** `kind` names the entries in messages: 'layer class', 'regularizer', … */
  constructor(readonly kind: string) {}

  /** Makes `value` known under each of `names` (a class name and its aliases). */
  register(owner: string, names: readonly string[], value: T, options: RegisterOptions = {}): void {
    if (value === undefined || value === null) throw argumentError(owner, 'value', `a ${this.kind}`, value);
    for (const name of names) {
      if (typeof name !== 'string' || name === '') throw argumentError(owner, 'name', 'a non-empty string', name);
      const held = this.entries.get(name);
      if (held !== undefined && held !== value && !options.override) {
        throw new NeuriteError(
          `${owner}: the ${this.kind} name '${name}' is already registered to another ${this.kind}; ` +
            'choose another name, or pass { override: true } to replace it',
        );
      }
    }
    for (const name of names) this.entries.set(name, value);
  }

  get(name: unknown): T | undefined {
    return typeof name === 'string' ? this.entries.get(name) : undefined;
  }

  has(name: unknown): boolean {
    return typeof name === 'string' && this.entries.has(name);
  }

  /** Every registered name, sorted, as error messages list them. */
  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** The entry under `name`, or an error that names the owner and lists the known names. */
  require(owner: string, name: unknown, shown: unknown = name): T {
    const value = this.get(name);
    if (value === undefined) throw new NeuriteError(`${owner}: unknown ${this.kind} ${JSON.stringify(shown)}; known: ${this.names().join(', ')}`);
    return value;
  }
}
