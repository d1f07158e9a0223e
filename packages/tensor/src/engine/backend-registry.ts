import { NeuriteError, argumentError } from '../util/errors.js';
import type { Backend, BackendFactory } from './backend.js';

interface BackendEntry {
  factory: BackendFactory;
  priority: number;
  instance?: Backend;
  initializing?: Promise<Backend>;
  failure?: Error;
}

/**
 * The registered backends and the active one. A backend is initialised on first use: synchronously where
 * its factory allows, otherwise through `set`/`ready`. Failures are remembered and reported, never
 * skipped silently.
 */
export class BackendRegistry {
  private readonly entries = new Map<string, BackendEntry>();
  private name: string | null = null;
  private instance: Backend | null = null;

  register(name: string, factory: BackendFactory, priority = 1): boolean {
    if (typeof name !== 'string' || name === '') throw argumentError('registerBackend', 'name', 'a non-empty string', name);
    if (typeof factory !== 'function') throw argumentError('registerBackend', 'factory', 'a function', factory);
    if (this.entries.has(name)) return false;
    this.entries.set(name, { factory, priority });
    return true;
  }

  remove(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    if (this.name === name) {
      this.name = null;
      this.instance = null;
    }
    entry.instance?.dispose?.();
    this.entries.delete(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The backend instance by name, initialising it synchronously if its factory allows. */
  find(name: string): Backend | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    return entry.instance ?? this.initializeSync(name, entry);
  }

  async set(name: string): Promise<boolean> {
    const entry = this.entries.get(name);
    if (!entry) {
      throw argumentError('setBackend', 'name', `a registered backend (${this.describeBackends()})`, name);
    }
    const instance = await this.initialize(name, entry);
    this.name = name;
    this.instance = instance;
    return true;
  }

  /** Resolves when the active backend (or the best registered one) is initialised. */
  async ready(): Promise<void> {
    if (this.instance) return;
    const errors: string[] = [];
    for (const name of this.byPriority()) {
      try {
        await this.set(name);
        return;
      } catch (e) {
        errors.push(`${name}: ${(e as Error).message}`);
      }
    }
    throw this.noBackendError(errors);
  }

  get activeName(): string {
    void this.active; // initialises the default backend if none is active yet
    return this.name as string;
  }

  /** The active backend; picks the highest-priority backend that initialises synchronously if none is set. */
  get active(): Backend {
    if (this.instance) return this.instance;
    const errors: string[] = [];
    for (const name of this.byPriority()) {
      const entry = this.entries.get(name)!;
      try {
        const instance = entry.instance ?? this.initializeSync(name, entry);
        if (instance) {
          this.name = name;
          this.instance = instance;
          return instance;
        }
        errors.push(`${name}: initialises asynchronously; call 'await ready()' or 'await setBackend(${JSON.stringify(name)})' first`);
      } catch (e) {
        errors.push(`${name}: ${(e as Error).message}`);
      }
    }
    throw this.noBackendError(errors);
  }

  private noBackendError(errors: string[]): NeuriteError {
    if (this.entries.size === 0) {
      return new NeuriteError(
        "No backend is registered. Import `neurite` (it registers the WebAssembly and CPU backends) or a backend " +
          "package, for example `import '@neurite/backend-wasm'`, before running ops.",
      );
    }
    return new NeuriteError(`No backend could be initialised:\n  ${errors.join('\n  ')}`);
  }

  private describeBackends(): string {
    const names = this.names();
    return names.length ? `one of ${names.map((n) => `'${n}'`).join(', ')}` : 'none is registered yet';
  }

  private byPriority(): string[] {
    return [...this.entries.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([n]) => n);
  }

  private initializeSync(name: string, entry: BackendEntry): Backend | null {
    if (entry.failure) throw entry.failure;
    const made = entry.factory();
    if (made instanceof Promise) {
      entry.initializing = made.then((b) => (entry.instance = b));
      entry.initializing.catch((e: Error) => (entry.failure = e));
      return null;
    }
    entry.instance = made;
    return made;
  }

  private async initialize(name: string, entry: BackendEntry): Promise<Backend> {
    if (entry.instance) return entry.instance;
    if (entry.failure) throw entry.failure;
    if (!entry.initializing) {
      try {
        const made = entry.factory();
        entry.initializing = Promise.resolve(made);
      } catch (e) {
        entry.failure = e as Error;
        throw e;
      }
    }
    try {
      entry.instance = await entry.initializing;
      return entry.instance;
    } catch (e) {
      entry.failure = e as Error;
      throw new NeuriteError(`Backend '${name}' failed to initialise: ${(e as Error).message}`);
    }
  }

  /** The initialised instance registered under `name`, if any (no initialisation). */
  instanceOf(name: string): Backend | undefined {
    return this.entries.get(name)?.instance;
  }

  /** Every initialised instance, by name. */
  *instances(): IterableIterator<[string, Backend]> {
    for (const [name, entry] of this.entries) if (entry.instance) yield [name, entry.instance];
  }
}
