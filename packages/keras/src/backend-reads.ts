import { backend } from '@neurite/tensor';

/**
 * Whether the active backend reads values synchronously (`dataSync`). WebGPU cannot: its values come
 * back only through `await tensor.data()`, so code that needs numbers either awaits or defers the read.
 */
export function canReadSync(): boolean {
  return typeof backend().readSync === 'function';
}
