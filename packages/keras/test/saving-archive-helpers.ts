// Helpers for the .keras / .h5 tests: temporary directories, the real fixtures, deterministic weights,
// and HDF5 read straight through h5wasm (not through the code under test).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tensor, type Tensor } from '@neurite/tensor';
import type { Model } from '../src/models/index.js';
import { rand } from './model-helpers.js';

/** The real Keras 3 files beside the repository (see ../shared/fixtures/keras/README.md). */
export const fixtureDir = new URL('../../../../shared/fixtures/keras/', import.meta.url);
export const fixturesExist = existsSync(fileURLToPath(fixtureDir));
export const fixturePath = (file: string) => fileURLToPath(new URL(file, fixtureDir));

/** A fresh temporary directory and a function that removes it. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-saving-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Gives every weight deterministic values (variances positive), so a round trip that mixed two weights
 * up, or kept initial values, would show.
 */
export function fillWeights(model: Model, seed: number): void {
  const r = rand(seed);
  model.setWeights(
    model.weights.map((w) => {
      const size = w.shape.reduce((a, b) => a * b, 1);
      const positive = w.name.includes('variance');
      return tensor(Float32Array.from({ length: size }, () => (positive ? 0.5 + Math.abs(r()) : r())), [...w.shape]);
    }),
  );
}

/** Every weight's values, as plain arrays, in model order. */
export function weightValues(model: Model): number[][] {
  return model.weights.map((w) => Array.from(w.read().dataSync()));
}

/** Exact equality of two tensors' values (and shapes). */
export function exactlyEqual(a: Tensor, b: Tensor): boolean {
  if (a.shape.join() !== b.shape.join()) return false;
  const x = a.dataSync();
  const y = b.dataSync();
  return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
}

type H5 = typeof import('h5wasm');

/** h5wasm's Node build, ready. */
export async function h5(): Promise<H5> {
  const mod = (await import('h5wasm/node')) as unknown as H5;
  await mod.ready;
  return mod;
}

/** Opens HDF5 bytes with h5wasm directly and hands the file to `fn`. */
export async function withH5<T>(bytes: Uint8Array, fn: (file: import('h5wasm').File) => T): Promise<T> {
  const api = await h5();
  const { dir, remove } = tempDir();
  try {
    const path = join(dir, 'file.h5');
    writeFileSync(path, bytes);
    const file = new api.File(path, 'r');
    try {
      return fn(file);
    } finally {
      file.close();
    }
  } finally {
    remove();
  }
}

/** Every group and dataset path in an HDF5 file, sorted. */
export function sortedPaths(file: import('h5wasm').File): string[] {
  return file.paths().map((p) => p.replace(/^\//, '')).sort();
}
