// The same seeded training on the WebAssembly backend as on the CPU backend: one thread, and two threads
// with every kernel split between them (minParallelWork 0), so that the split paths train too.
import { afterAll, describe, expect, it } from 'vitest';
import { WasmBackend } from '@neurite/backend-wasm';
import { backend, registerBackend, removeBackend, setBackend } from '../src/index.js';
import { expectSameTraining, trainOn } from './cross-backend.js';

const CONFIGS = { 'keras-wasm-1': { threads: 1 }, 'keras-wasm-2': { threads: 2, minParallelWork: 0 } } as const;
for (const [name, options] of Object.entries(CONFIGS)) registerBackend(name, () => new WasmBackend(options), 0);

afterAll(async () => {
  await setBackend('cpu');
  for (const name of Object.keys(CONFIGS)) removeBackend(name);
});

describe('fit, evaluate and predict on the wasm backend match the CPU backend', () => {
  it.each(Object.keys(CONFIGS))('%s', async (name) => {
    const cpu = await trainOn('cpu');
    const wasm = await trainOn(name);
    const b = backend() as WasmBackend;
    expect(b).toBeInstanceOf(WasmBackend);
    await b.whenReady();
    expect(b.threads).toBe(name === 'keras-wasm-1' ? 1 : 2);
    await setBackend('cpu');
    expectSameTraining(cpu, wasm, name);
  });
});
