import { argumentError, readOptionsObject } from '@neurite/tensor';
import type { SimdLevel } from './wasm-module.js';

export interface WasmBackendOptions {
  /**
   * Threads kernels may use, the calling one included: a positive integer. Default: the environment
   * variable NEURITE_WASM_THREADS, else the number of cores. Where workers cannot start (a page that
   * is not cross-origin isolated, a host without workers) the backend runs on one thread and says why
   * in `threadsReason`.
   */
  threads?: number;
  /**
   * 'auto' (default): the relaxed-SIMD build (fused multiply-add) where the engine has relaxed SIMD,
   * the SIMD128 build otherwise. 'relaxed' insists (and fails where it cannot), 'plain' never uses it.
   * Default: NEURITE_WASM_SIMD, else 'auto'.
   */
  simd?: 'auto' | SimdLevel;
  /**
   * The work (multiply-adds, or elements for elementwise kernels) below which a kernel stays on the
   * calling thread, because waking a worker costs more. Default 2^21; 0 splits every kernel that has
   * more than one unit of work, which is how the tests exercise every split.
   */
  minParallelWork?: number;
}

export const DEFAULT_MIN_PARALLEL_WORK = 1 << 21;

const KNOWN = ['threads', 'simd', 'minParallelWork'];
const SIMD_CHOICES = ['auto', 'relaxed', 'plain'] as const;
export const MAX_THREADS = 16;

function env(name: string): string | undefined {
  const e = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = e?.[name];
  return v === undefined || v === '' ? undefined : v;
}

function defaultThreads(): number {
  const g = globalThis as {
    navigator?: { hardwareConcurrency?: number };
    process?: { getBuiltinModule?: (id: string) => { availableParallelism?: () => number } | undefined };
  };
  const cores = g.process?.getBuiltinModule?.('node:os')?.availableParallelism?.() ?? g.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_THREADS, cores));
}

function checkThreads(value: unknown, name: string, fromEnv: boolean): number {
  const n = fromEnv ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw argumentError('WasmBackend', name, `a whole number of threads from 1 to ${MAX_THREADS}`, value);
  }
  return n;
}

/** The options, checked, with their defaults and environment variables applied. */
export function resolveOptions(options: WasmBackendOptions | undefined): { threads: number; simd: 'auto' | SimdLevel; minParallelWork: number } {
  const given = readOptionsObject('WasmBackend', options, KNOWN);
  const envThreads = env('NEURITE_WASM_THREADS');
  const threads = given.threads !== undefined
    ? checkThreads(given.threads, 'threads', false)
    : envThreads !== undefined ? checkThreads(envThreads, 'NEURITE_WASM_THREADS', true) : defaultThreads();
  const envSimd = env('NEURITE_WASM_SIMD');
  const simd = given.simd ?? envSimd ?? 'auto';
  if (!(SIMD_CHOICES as readonly string[]).includes(simd)) {
    const name = given.simd !== undefined ? 'simd' : 'NEURITE_WASM_SIMD';
    throw argumentError('WasmBackend', name, "one of 'auto', 'relaxed', 'plain'", simd);
  }
  const minParallelWork = given.minParallelWork ?? DEFAULT_MIN_PARALLEL_WORK;
  if (typeof minParallelWork !== 'number' || !(minParallelWork >= 0)) {
    throw argumentError('WasmBackend', 'minParallelWork', 'a number >= 0', minParallelWork);
  }
  return { threads, simd: simd as 'auto' | SimdLevel, minParallelWork };
}
