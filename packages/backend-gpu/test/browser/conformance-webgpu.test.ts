// Runs in headless Chromium (vitest browser mode) with WebGPU on SwiftShader: `pnpm test:browser --project webgpu`.
import { beforeAll, expect, it } from 'vitest';
import { backend, registerBackend, setBackend } from '@neurite/tensor';
import { runConformance } from '@neurite/backend-tests';
import { createGpuBackend, type GpuBackend } from '../../src/index.js';
import { gpuJs } from '../../src/gpujs.js';

registerBackend('gpu-webgpu', async () => {
  // navigator.gpu can exist with no adapter behind it: make that a clear start-up failure.
  if (!(await gpuJs.GPU.isWebGPUAvailable())) {
    throw new Error('WebGPU has no adapter here (Chromium needs --enable-unsafe-webgpu --enable-unsafe-swiftshader --use-webgpu-adapter=swiftshader)');
  }
  return createGpuBackend({ mode: 'webgpu' });
});

// Every test in this file needs the mode: if it cannot start, they all fail (never skip).
beforeAll(async () => {
  await setBackend('gpu-webgpu');
  expect((backend() as GpuBackend).mode).toBe('webgpu');
});

it('the gpu-webgpu backend runs gpu.js mode webgpu, async-only, with no fallback', () => {
  const b = backend() as GpuBackend;
  expect(b.mode).toBe('webgpu');
  expect(b.fallbackReason).toBeNull();
  expect(b.asyncOnly).toBe(true);
});

// WebGPU reads are asynchronous only: the suites read with `await data()`.
runConformance({ name: 'gpu-webgpu', rtol: 1e-4, atol: 1e-5, syncReads: false, exactInt32: false });
