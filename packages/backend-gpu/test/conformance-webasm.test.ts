import { registerBackend } from '@neurite/tensor';
import { runConformance } from '@neurite/backend-tests';
import { createGpuBackend } from '../src/index.js';

registerBackend('gpu-webasm', () => createGpuBackend({ mode: 'webasm' }));
// gpu.js computes in float32 like the CPU backend, but in its own order and with its own Math functions.
runConformance({ name: 'gpu-webasm', rtol: 1e-4, atol: 1e-5, syncReads: true, exactInt32: false });
