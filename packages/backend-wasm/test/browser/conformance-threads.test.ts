import { beforeAll, expect, it } from 'vitest';
import { findBackend, registerBackend } from '@neurite/tensor';
import { runConformance } from '@neurite/backend-tests';
import { WasmBackend } from '../../src/index.js';

// Two threads in a cross-origin isolated page: the calling thread and a Web Worker share the memory,
// and every kernel with more than one unit of work is split between them.
registerBackend('wasm-browser', () => new WasmBackend({ threads: 2, minParallelWork: 0 }), 0);

beforeAll(async () => {
  expect(globalThis.crossOriginIsolated, 'the test page must be cross-origin isolated (COOP + COEP)').toBe(true);
  const b = findBackend('wasm-browser') as WasmBackend;
  expect(b.threadsReason).toBeNull();
  expect(await b.whenReady()).toBe(2);
});

it('runs the relaxed-SIMD build where Chromium has relaxed SIMD', () => {
  const b = findBackend('wasm-browser') as WasmBackend;
  console.log(`wasm in Chromium: ${b.threads} threads, ${b.simd} SIMD${b.relaxedReason ? ` (${b.relaxedReason})` : ''}`);
  expect(b.simd).toBe('relaxed');
});

runConformance({ name: 'wasm-browser', rtol: 1e-5, atol: 1e-6, syncReads: true });

it('split kernels between the threads during the run', () => {
  const b = findBackend('wasm-browser') as WasmBackend;
  expect(b.memory().splitKernels as number).toBeGreaterThan(100);
});
