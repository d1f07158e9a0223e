// Runs in headless Chromium (vitest browser mode): `pnpm test:browser --project webgl2`.
import { beforeAll, expect, it } from 'vitest';
import { backend, registerBackend, setBackend } from '@neurite/tensor';
import { runConformance } from '@neurite/backend-tests';
import { createGpuBackend, type GpuBackend } from '../../src/index.js';

registerBackend('gpu-webgl2', () => createGpuBackend({ mode: 'webgl2' }));

// Every test in this file needs the mode: if it cannot start, they all fail (never skip).
beforeAll(async () => {
  await setBackend('gpu-webgl2');
  expect((backend() as GpuBackend).mode).toBe('webgl2');
});

it('the gpu-webgl2 backend runs gpu.js mode webgl2, with no fallback', () => {
  const b = backend() as GpuBackend;
  expect(b.mode).toBe('webgl2');
  expect(b.fallbackReason).toBeNull();
  expect(b.asyncOnly).toBe(false);
});

// gpu.js computes in float32 like the CPU backend, but in its own order and with its own Math functions.
runConformance({ name: 'gpu-webgl2', rtol: 1e-4, atol: 1e-5, syncReads: true, exactInt32: false });
