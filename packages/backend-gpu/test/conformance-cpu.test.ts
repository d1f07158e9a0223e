import { registerBackend } from '@neurite/tensor';
import { runConformance } from '@neurite/backend-tests';
import { createGpuBackend } from '../src/index.js';

registerBackend('gpu-cpu', () => createGpuBackend({ mode: 'cpu' }));
// gpu.js computes in float32 like the CPU backend, but in its own order and with its own Math functions.
runConformance({ name: 'gpu-cpu', rtol: 1e-4, atol: 1e-5, syncReads: true, exactInt32: false });
