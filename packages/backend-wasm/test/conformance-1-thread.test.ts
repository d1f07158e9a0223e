import { registerBackend } from '@neurite/tensor';
import { runConformance } from '@neurite/backend-tests';
import { WasmBackend } from '../src/index.js';

// One thread and the SIMD128 build: an unshared memory and no workers, as in a page that is not
// cross-origin isolated.
registerBackend('wasm-1', () => new WasmBackend({ threads: 1, simd: 'plain' }), 0);
runConformance({ name: 'wasm-1', rtol: 1e-5, atol: 1e-6, syncReads: true });
