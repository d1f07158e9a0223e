import { registerBackend } from '@neurite/tensor';
import { runConformance } from '@neurite/backend-tests';
import { WasmBackend } from '../src/index.js';

// Two threads on a shared memory with the relaxed-SIMD build (fused multiply-adds; vitest.config.ts
// enables relaxed SIMD in Node 20), every kernel with more than one unit of work split between this
// thread and a worker (minParallelWork 0), so that the suite's small shapes exercise every split.
registerBackend('wasm-2', () => new WasmBackend({ threads: 2, simd: 'relaxed', minParallelWork: 0 }), 0);
runConformance({ name: 'wasm-2', rtol: 1e-5, atol: 1e-6, syncReads: true });
