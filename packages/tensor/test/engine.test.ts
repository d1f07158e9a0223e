import { describe, expect, it } from 'vitest';
import { ENGINE } from '../src/engine/engine.js';
import { registerBackend, removeBackend, setBackend } from '../src/engine/api.js';
import { tensor } from '../src/ops/convert.js';

// This file registers no real backend: the engine must say so instead of failing obscurely.
describe('engine without a backend', () => {
  it('says no backend is registered and how to register one', () => {
    expect(() => ENGINE.backend).toThrow(/No backend is registered. Import `neurite` .* or a backend package, for example `import '@neurite\/backend-wasm'`/);
    expect(() => tensor([1, 2])).toThrow(/No backend is registered/);
    expect(ENGINE.memory().numTensors).toBe(0);
  });

  it('reports why each registered backend could not start', async () => {
    registerBackend('broken', () => {
      throw new Error('no device');
    }, 2);
    registerBackend('async-only', () => new Promise(() => {}), 1);
    expect(() => ENGINE.backend).toThrow(/No backend could be initialised:\n {2}broken: no device\n {2}async-only: initialises asynchronously; call 'await ready\(\)'/);
    await expect(setBackend('missing')).rejects.toThrow(
      "setBackend: name must be a registered backend (one of 'broken', 'async-only'). Received: name='missing'",
    );
    removeBackend('broken');
    removeBackend('async-only');
  });

  it('rejects bad registrations', () => {
    expect(() => registerBackend('', () => ({}) as never)).toThrow(/registerBackend: name must be a non-empty string/);
    expect(() => registerBackend('x', 3 as never)).toThrow(/registerBackend: factory must be a function. Received: factory=3/);
  });
});
