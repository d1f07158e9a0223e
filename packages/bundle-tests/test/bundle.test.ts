import { describe, expect, it } from 'vitest';
import { PACKAGES, bundlePackage, describeMessage, kb, type BundleResult } from '../src/bundle.js';

// Every package must bundle for the browser with a standard bundler and no extra flags (esbuild here),
// and @neurite/keras must keep HDF5 (h5wasm, about 5 MB) out of the code an app loads up front.

/** The most an app's entry chunk of @neurite/keras (with its backends) may weigh, minified. */
const KERAS_ENTRY_BUDGET = 640 * 1024;

const results = new Map<string, BundleResult>();

describe('every package bundles for the browser', () => {
  for (const name of PACKAGES) {
    it(`@neurite/${name}: esbuild --bundle --platform=browser, no errors, no warnings`, async () => {
      const result = await bundlePackage(name);
      results.set(name, result);
      expect(result.errors.map(describeMessage), 'errors').toEqual([]);
      expect(result.warnings.map(describeMessage), 'warnings').toEqual([]);
      expect(result.chunks.some((c) => c.entry)).toBe(true);
    });
  }

  it('@neurite/keras loads HDF5 only on first use, in a chunk of its own, and its entry chunk stays small', async () => {
    const keras = results.get('keras') ?? (await bundlePackage('keras'));
    const isH5wasm = (file: string) => /node_modules\/h5wasm\//.test(file);
    const entry = keras.chunks.filter((c) => c.entry);
    const lazy = keras.chunks.filter((c) => !c.entry);
    expect(entry.flatMap((c) => c.inputs).filter(isH5wasm)).toEqual([]);
    expect(lazy.some((c) => c.inputs.some(isH5wasm))).toBe(true);
    expect(entry.reduce((n, c) => n + c.bytes, 0)).toBeLessThan(KERAS_ENTRY_BUDGET);

    // The table of the bench README's "Bundle sizes".
    const rows = PACKAGES.flatMap((name) => {
      const r = results.get(name);
      if (!r) return [];
      const first = r.chunks.filter((c) => c.entry);
      const later = r.chunks.filter((c) => !c.entry);
      const sum = (list: typeof first, key: 'bytes' | 'gzipBytes') => list.reduce((n, c) => n + c[key], 0);
      return [`| @neurite/${name} | ${kb(sum(first, 'bytes'))} | ${kb(sum(first, 'gzipBytes'))} | ${later.length ? `${kb(sum(later, 'bytes'))} (${kb(sum(later, 'gzipBytes'))} gzip)` : '-'} |`];
    });
    console.log(['| package | entry, minified | entry, gzip | loaded on first use |', '|---|---|---|---|', ...rows].join('\n'));
  });
});
