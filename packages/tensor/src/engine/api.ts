import type { Tensor } from '../tensor.js';
import type { Backend, BackendFactory } from './backend.js';
import { ENGINE, collectTensors, type MemoryInfo } from './engine.js';

/** Registers a backend under `name`; the highest `priority` that initialises becomes the default. */
export function registerBackend(name: string, factory: BackendFactory, priority = 1): boolean {
  return ENGINE.backends.register(name, factory, priority);
}

export function removeBackend(name: string): void {
  ENGINE.backends.remove(name);
}

/** Makes `name` the active backend (initialising it first). Rejects with the reason if it cannot start. */
export function setBackend(name: string): Promise<boolean> {
  return ENGINE.backends.set(name);
}

/** The active backend's name. */
export function getBackend(): string {
  return ENGINE.backendName;
}

/** The active backend object (backends expose details such as a GPU backend's `mode`). */
export function backend(): Backend {
  return ENGINE.backend;
}

/** The backend object registered under `name`, or null. */
export function findBackend(name: string): Backend | null {
  return ENGINE.backends.find(name);
}

/** Names of every registered backend. */
export function registeredBackends(): string[] {
  return ENGINE.backends.names();
}

/** Resolves once a backend is initialised (needed before sync use of a backend that starts asynchronously). */
export function ready(): Promise<void> {
  return ENGINE.backends.ready();
}

/** Runs `fn` and disposes every tensor it made, except those it returns or that were `keep()`-ed. */
export function tidy<T>(fn: () => T): T {
  return ENGINE.tidy(fn);
}

/** Marks a tensor so that enclosing `tidy` calls leave it alive. */
export function keep<T extends Tensor>(t: T): T {
  return ENGINE.keep(t);
}

/** Disposes every tensor in a tensor, an array or a plain object of them. */
export function dispose(container: unknown): void {
  collectTensors(container, (t) => t.dispose());
}

/** Live tensors, buffers and bytes, in all and per backend. */
export function memory(): MemoryInfo {
  return ENGINE.memory();
}

export type { MemoryInfo };
