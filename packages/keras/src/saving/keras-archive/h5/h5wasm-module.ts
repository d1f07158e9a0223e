import { isNode, nodeModule } from '../../sources/index.js';

/** The h5wasm API (both of its builds share the same types). */
export type H5Api = typeof import('h5wasm');
export type H5File = import('h5wasm').File;
export type H5Group = import('h5wasm').Group;
export type H5Dataset = import('h5wasm').Dataset;

export interface H5Runtime {
  api: H5Api;
  /** Node's build reads and writes the host's files (NODERAWFS); the browser build has an in-memory FS. */
  node: boolean;
}

let loading: Promise<H5Runtime> | null = null;

/**
 * Loads h5wasm once, on first use: its Node build in Node, its browser build elsewhere, so importing
 * Neurite costs nothing until an HDF5 file is touched.
 */
export function loadH5(): Promise<H5Runtime> {
  loading ??= (async () => {
    const node = isNode();
    // The browser build is a literal import, so bundlers put its 4 MB in a chunk of its own, loaded on
    // first use; the Node build is never followed by a bundler.
    const mod = (node ? await nodeModule<unknown>('h5wasm/node') : await import('h5wasm')) as H5Api & { default?: H5Api };
    const api = (typeof mod.File === 'function' ? mod : mod.default) as H5Api;
    await api.ready;
    return { api, node };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * Runs `fn` with HDF5's errors thrown as JavaScript errors carrying HDF5's own report (instead of being
 * printed to stderr and followed by a bare "name not defined!"), then puts the default handler back.
 */
export async function withHdf5Errors<T>(runtime: H5Runtime, fn: () => T | Promise<T>): Promise<T> {
  const module = (await runtime.api.ready) as unknown as {
    activate_throwing_error_handler?: () => number;
    deactivate_throwing_error_handler?: () => number;
  };
  module.activate_throwing_error_handler?.();
  try {
    return await fn();
  } finally {
    module.deactivate_throwing_error_handler?.();
  }
}

/**
 * The innermost reason in an HDF5 error report (`truncated file: eof = 100, … stored_eof = 1286404`,
 * `file signature not found`), or the error's message when it is not such a report.
 */
export function hdf5Reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n').filter((l) => /^\s*#\d+:/.test(l));
  if (lines.length === 0) return text.trim();
  const last = lines[lines.length - 1];
  const match = /\(\):\s*(.*)$/.exec(last);
  return (match ? match[1] : last).trim();
}
