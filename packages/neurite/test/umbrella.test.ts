import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as keras from '@neurite/keras';
import * as neurite from '../src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Runs an ES module in a fresh Node process (no backend registered by anything else) and returns its output. */
function runModule(source: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: here, encoding: 'utf8' }).trim();
}

describe('neurite, the umbrella package', () => {
  it('re-exports every export of @neurite/keras, the same objects', () => {
    const missing = Object.keys(keras).filter((k) => !(k in neurite));
    expect(missing).toEqual([]);
    for (const k of Object.keys(keras)) expect((neurite as Record<string, unknown>)[k], k).toBe((keras as Record<string, unknown>)[k]);
    expect(typeof neurite.wasmFallbackReason).toBe('function');
    // and nothing else: neurite's public API is keras's (its API report, packages/keras/api) plus one function
    expect(Object.keys(neurite).filter((k) => !(k in keras))).toEqual(['wasmFallbackReason']);
  });

  it('registers the backends best first: WebAssembly is the default, the CPU backend its fallback', () => {
    expect(neurite.getBackend()).toBe('wasm');
    expect(neurite.wasmFallbackReason()).toBeNull();
    expect(runModule("import * as n from 'neurite'; console.log(n.getBackend())")).toBe('wasm');
  });

  it('trains a small model with no other import or set-up', async () => {
    const { layers, regularizers, sequential, tensor } = neurite;
    const model = sequential({
      layers: [
        layers.dense({ units: 8, activation: 'tanh', inputShape: [2], kernelRegularizer: regularizers.l2({ l2: 1e-3 }), kernelInitializer: { className: 'GlorotUniform', config: { seed: 1 } } }),
        layers.dropout({ rate: 0.2, seed: 2 }),
        layers.dense({ units: 1, kernelInitializer: { className: 'GlorotUniform', config: { seed: 3 } } }),
      ],
    });
    model.compile({ optimizer: neurite.optimizers.adam({ learningRate: 0.02 }), loss: 'mse' });
    neurite.setSeed(1); // the batch order too
    const x = tensor([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]);
    const y = tensor([0, 1, 1, 0], [4, 1]);
    // the loss at inference (dropout off), before and after training
    const lossOf = async () => (await model.evaluate(x, y)) as number; // no metrics: evaluate gives the loss
    const before = await lossOf();
    await model.fit(x, y, { epochs: 100, verbose: 0 });
    expect(await lossOf()).toBeLessThan(0.8 * before);
    model.dispose();
    neurite.dispose([x, y]);
  });

  it('@neurite/keras alone registers no backend, and says what to import', () => {
    const out = runModule(
      "import * as k from '@neurite/keras'; try { k.tensor([1]); console.log('ran'); } catch (e) { console.log(e.message); }",
    );
    expect(out).toMatch(/^No backend is registered\. Import `neurite`/);
  });
});
