import '@neurite/backend-cpu';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dense, Input } from '@neurite/layers';
import { NeuriteError, memory } from '@neurite/tensor';
import { Sequential } from '../src/models/index.js';
import { loadModel, saveModel } from '../src/saving/keras-archive/index.js';
import { loadTfjsModel, saveTfjsModel } from '../src/saving/tfjs/index.js';
import { fillWeights, h5, tempDir, weightValues } from './saving-archive-helpers.js';

// Files are read tolerantly but never trusted: a config that declares far more weights than its file
// holds, a dataset that declares more than its file can store, shapes that disagree, truncated members,
// all get a named error before they cost memory. Saves are atomic: concurrent saves, leftover temporary
// files and a process killed midway all leave a whole, loadable file.

function small(units = 5): Sequential {
  return new Sequential({ layers: [Input({ shape: [4] }), new Dense({ units, activation: 'relu' }), new Dense({ units: 2 })] });
}

function rezip(archive: Uint8Array, replace: Record<string, Uint8Array>): Uint8Array {
  return zipSync({ ...unzipSync(archive), ...replace }, { level: 0 });
}

/** The archive with the first Dense layer declaring `units` (and the second reading them). */
function withUnits(archive: Uint8Array, units: number): Uint8Array {
  const config = JSON.parse(strFromU8(unzipSync(archive)['config.json']));
  config.config.layers[1].config.units = units;
  return rezip(archive, { 'config.json': strToU8(JSON.stringify(config)) });
}

/**
 * model.weights.h5 rebuilt with h5wasm, every dataset copied except the first Dense kernel, which is
 * chunked (optionally compressed) and resized to declare `kernelShape` while its data stays tiny.
 */
async function weightsDeclaring(archive: Uint8Array, kernelShape: [number, number], compressed: boolean): Promise<Uint8Array> {
  const api = await h5();
  const { dir, remove } = tempDir();
  try {
    const source = join(dir, 'in.h5');
    const target = join(dir, 'out.h5');
    writeFileSync(source, unzipSync(archive)['model.weights.h5']);
    const input = new api.File(source, 'r');
    const output = new api.File(target, 'w');
    const copy = (from: import('h5wasm').Group, to: import('h5wasm').Group) => {
      for (const key of from.keys()) {
        const entity = from.get(key) as import('h5wasm').Group | import('h5wasm').Dataset;
        if (entity.type === 'Group') copy(entity as import('h5wasm').Group, to.create_group(key));
        else {
          const ds = entity as import('h5wasm').Dataset;
          if (ds.path === '/layers/dense/vars/0') {
            const grown = to.create_dataset({
              name: key, data: new Float32Array(4), shape: [1, 4], dtype: '<f', maxshape: [null, null], chunks: [1, 4],
              ...(compressed ? { compression: 'gzip' as const } : {}),
            });
            grown.resize(kernelShape);
          } else {
            to.create_dataset({ name: key, data: ds.value as Float32Array, shape: ds.shape as number[], dtype: '<f' });
          }
        }
      }
    };
    copy(input, output);
    input.close();
    output.close();
    return new Uint8Array(readFileSync(target));
  } finally {
    remove();
  }
}

/** The load fails with a NeuriteError, leaves no tensor behind, and the process grew by less than `mb`. */
async function refusedCheaply(load: () => Promise<unknown>, mb = 200): Promise<string> {
  const tensors = memory().numTensors;
  const rss = process.memoryUsage().rss;
  const error = await load().then(() => null, (e: unknown) => e);
  expect(error, 'the load should have failed').toBeInstanceOf(NeuriteError);
  expect(memory().numTensors).toBe(tensors);
  expect(process.memoryUsage().rss - rss).toBeLessThan(mb * 2 ** 20);
  return (error as Error).message;
}

describe('hostile files are refused before they cost memory', () => {
  it('a config declaring far more weights than the file holds (the issue: units 1e6 in a small file)', async () => {
    const model = small();
    const archive = await saveModel(model);
    model.dispose();
    for (const units of [1_000_000, 50_000_000]) {
      const message = await refusedCheaply(() => loadModel(withUnits(archive, units)));
      expect(message).toMatch(
        new RegExp(`Dense 'dense(_\\d+)?': weight 'kernel' of shape \\[4, ${units}\\] \\(${(4 * units).toLocaleString('en-US')} values\\) would take the model's weights to [\\d,]+ values, far more than model\\.weights\\.h5 of '.*' holds \\(\\d+\\): the config does not match its weights`),
      );
    }
    // Too large for any tensor: a named error, never "Invalid typed array length".
    const huge = await refusedCheaply(() => loadModel(withUnits(archive, 2 ** 31)));
    expect(huge).toMatch(/weight 'kernel' of shape \[4,2147483648\] has 8,589,934,592 elements, more than a tensor holds/);
  });

  it('random huge or mismatched units, random truncations: always a named error, never an allocation', async () => {
    const model = small();
    const archive = await saveModel(model);
    model.dispose();
    const weights = unzipSync(archive)['model.weights.h5'];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 6, max: 2 ** 40 }).map((units) => withUnits(archive, units)),
          fc.integer({ min: 0, max: weights.byteLength - 1 }).map((cut) => rezip(archive, { 'model.weights.h5': weights.subarray(0, cut) })),
          fc.integer({ min: 1, max: archive.byteLength - 1 }).map((cut) => archive.subarray(0, cut)),
        ),
        async (file) => {
          await refusedCheaply(() => loadModel(file));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a dataset declaring more than its file can hold, plain or compressed', async () => {
    const model = small();
    const archive = await saveModel(model);
    model.dispose();
    // Rebuilt with the kernel's true shape (its values the chunks' fill, zeros), the file loads: the
    // copy is a faithful weights file, and only the declared shape makes the difference below.
    const faithful = await loadModel(rezip(archive, { 'model.weights.h5': await weightsDeclaring(archive, [4, 5], false) }));
    expect(weightValues(faithful)[0]).toEqual(new Array(20).fill(0));
    faithful.dispose();
    for (const compressed of [false, true]) {
      const units = 50_000_000;
      const file = rezip(withUnits(archive, units), { 'model.weights.h5': await weightsDeclaring(archive, [4, units], compressed) });
      const message = await refusedCheaply(() => loadModel(file));
      expect(message).toMatch(
        new RegExp(`model\\.weights\\.h5: dataset '/layers/dense/vars/0' declares shape \\[4, ${units}\\] \\(800,000,000 bytes\\), more than a file of [\\d,]+ bytes can hold${compressed ? ' even compressed' : ''}$`),
      );
    }
  });

  it('TensorFlow.js files: a topology and manifest declaring huge layers over a small shard', async () => {
    const model = small();
    const files = await saveTfjsModel(model);
    model.dispose();
    const json = JSON.parse(JSON.stringify(files.modelJson));
    // The topology of the first Dense and its manifest entries agree with each other, not with the shard.
    const layers: { class_name: string; config: { units?: number } }[] = (json.modelTopology.model_config ?? json.modelTopology).config.layers;
    layers.find((l) => l.class_name === 'Dense')!.config.units = 50_000_000;
    json.weightsManifest[0].weights[0].shape = [4, 50_000_000];
    json.weightsManifest[0].weights[1].shape = [50_000_000];
    const message = await refusedCheaply(() => loadTfjsModel({ modelJson: json, weights: files.weightData }));
    expect(message).toMatch(/Dense 'dense(_\d+)?': weight 'kernel' of shape \[4, 50000000\] .* far more than the weight shards of 'model\.json' holds \(\d+\)/);
  });
});

const childDir = fileURLToPath(new URL('./child/', import.meta.url));

/** Runs save-loop.ts in a child process until it has saved once, then kills it after `delayMs`. */
function killMidSave(target: string, a: string, b: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(childDir, 'register-ts.mjs'), join(childDir, 'save-loop.ts'), target, a, b], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`save loop exited with ${code}: ${stderr}`))));
  });
}

describe('saves are whole, whatever happens', () => {
  it('two concurrent saves to one path both succeed, and the file is one of them, whole', async () => {
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'model.keras');
      const a = small();
      const b = small();
      fillWeights(a, 1);
      fillWeights(b, 2);
      for (let round = 0; round < 5; round++) {
        await Promise.all([saveModel(a, path), saveModel(b, path), saveModel(a, path)]);
        const back = await loadModel(path);
        expect([weightValues(a), weightValues(b)]).toContainEqual(weightValues(back));
        back.dispose();
      }
      expect(readdirSync(dir)).toEqual(['model.keras']);
      a.dispose();
      b.dispose();
    } finally {
      remove();
    }
  });

  it('a leftover temporary file (of this process id, or any other) never blocks a save', async () => {
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'model.keras');
      const leftovers = [`${path}.tmp-${process.pid}`, `${path}.tmp-1`, `${path}.tmp-${process.pid}-0000000000000000`];
      for (const p of leftovers) writeFileSync(p, 'half a save');
      const m = small();
      await saveModel(m, path);
      const back = await loadModel(path);
      expect(weightValues(back)).toEqual(weightValues(m));
      for (const p of leftovers) expect(readFileSync(p, 'utf8')).toBe('half a save');
      back.dispose();
      m.dispose();
    } finally {
      remove();
    }
  });

  it('a process killed in the middle of saving leaves the old or the new file, whole and loadable', async () => {
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'model.keras');
      const big = (seed: number) => {
        const m = new Sequential({ layers: [Input({ shape: [512] }), new Dense({ units: 1024 }), new Dense({ units: 2 })] });
        fillWeights(m, seed);
        return m;
      };
      const a = big(1);
      const b = big(2);
      writeFileSync(join(dir, 'a.keras'), await saveModel(a));
      writeFileSync(join(dir, 'b.keras'), await saveModel(b));
      const expected = [weightValues(a), weightValues(b)];
      a.dispose();
      b.dispose();
      for (const delayMs of [0, 7, 23, 61, 150]) {
        await killMidSave(path, join(dir, 'a.keras'), join(dir, 'b.keras'), delayMs);
        const back = await loadModel(path);
        expect(expected).toContainEqual(weightValues(back));
        back.dispose();
      }
      // Whatever temporary files the kills left, a later save in this process succeeds.
      const m = small();
      await saveModel(m, path);
      const back = await loadModel(path);
      expect(weightValues(back)).toEqual(weightValues(m));
      back.dispose();
      m.dispose();
      expect(existsSync(path)).toBe(true);
    } finally {
      remove();
    }
  });
});
