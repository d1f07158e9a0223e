import { describe, expect, it } from 'vitest';
import { PACKAGES, bundlePackage, describeMessage, kb, type BundleResult, type PackageName } from '../src/bundle.js';

// Every package must bundle for the browser with a standard bundler and no extra flags (esbuild here),
// @neurite/keras must keep HDF5 (h5wasm, about 5 MB) out of the code an app loads up front, and bring
// no backend: an app gets the backends it imports (all of `neurite`'s, or one).

/** The most an app's entry chunk of `neurite` (@neurite/keras with its backends) may weigh, minified. */
const ENTRY_BUDGET = 640 * 1024;

const results = new Map<string, BundleResult>();

describe('every package bundles for the browser', () => {
  for (const name of PACKAGES) {
    it(`${name}: esbuild --bundle --platform=browser, no errors, no warnings`, async () => {
      const result = await bundlePackage(name);
      results.set(name, result);
      expect(result.errors.map(describeMessage), 'errors').toEqual([]);
      expect(result.warnings.map(describeMessage), 'warnings').toEqual([]);
      expect(result.chunks.some((c) => c.entry)).toBe(true);
    });
  }

  it('@neurite/keras bundles no backend; neurite bundles the WebAssembly and CPU ones, not the GPU one', async () => {
    const inputsOf = async (name: PackageName) => (results.get(name) ?? (await bundlePackage(name))).chunks.flatMap((c) => c.inputs);
    // inputs are paths relative to this package: '../backend-cpu/dist/...' (or '.../@neurite/backend-cpu/...')
    const backendOf = (file: string) => /(?:^\.\.|@neurite)\/(backend-[a-z]+)\//.exec(file)?.[1];
    const backends = async (name: PackageName) => [...new Set((await inputsOf(name)).map(backendOf).filter(Boolean))].sort();
    expect(await backends('@neurite/keras')).toEqual([]);
    expect(await backends('neurite')).toEqual(['backend-cpu', 'backend-wasm']);
  });

  it('@neurite/keras and neurite load HDF5 only on first use, in a chunk of its own, and their entry chunks stay small', async () => {
    for (const name of ['@neurite/keras', 'neurite'] as const) {
      const bundle = results.get(name) ?? (await bundlePackage(name));
      const isH5wasm = (file: string) => /node_modules\/h5wasm\//.test(file);
      const entry = bundle.chunks.filter((c) => c.entry);
      const lazy = bundle.chunks.filter((c) => !c.entry);
      expect(entry.flatMap((c) => c.inputs).filter(isH5wasm), name).toEqual([]);
      expect(lazy.some((c) => c.inputs.some(isH5wasm)), name).toBe(true);
      expect(entry.reduce((n, c) => n + c.bytes, 0), name).toBeLessThan(ENTRY_BUDGET);
    }

    // The table of the bench README's "Bundle sizes".
    const rows = PACKAGES.flatMap((name) => {
      const r = results.get(name);
      if (!r) return [];
      const first = r.chunks.filter((c) => c.entry);
      const later = r.chunks.filter((c) => !c.entry);
      const sum = (list: typeof first, key: 'bytes' | 'gzipBytes') => list.reduce((n, c) => n + c[key], 0);
      return [`| ${name} | ${kb(sum(first, 'bytes'))} | ${kb(sum(first, 'gzipBytes'))} | ${later.length ? `${kb(sum(later, 'bytes'))} (${kb(sum(later, 'gzipBytes'))} gzip)` : '-'} |`];
    });
    console.log(['| package | entry, minified | entry, gzip | loaded on first use |', '|---|---|---|---|', ...rows].join('\n'));
  });
});
