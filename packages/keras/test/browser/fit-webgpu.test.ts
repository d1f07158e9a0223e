// Runs in headless Chromium with WebGPU on SwiftShader: `pnpm --filter @neurite/keras test:browser`.
// WebGPU reads only asynchronously; this trains the same seeded model there and on the CPU backend.
import { beforeAll, expect, it } from 'vitest';
import { createGpuBackend, type GpuBackend } from '@neurite/backend-gpu';
// the package's whole public API, as an app in the browser imports it
import { backend, registerBackend, setBackend, tensor } from '../../src/index.js';
import { expectSameTraining, trainOn } from '../cross-backend.js';

registerBackend('gpu-webgpu', () => createGpuBackend({ mode: 'webgpu', allowAsync: true }), 0);

beforeAll(async () => {
  await setBackend('gpu-webgpu');
  expect((backend() as GpuBackend).mode).toBe('webgpu');
  await setBackend('cpu');
});

it('fit, evaluate and predict on WebGPU (async reads only) match the CPU backend within float32 tolerance', async () => {
  const cpu = await trainOn('cpu');
  const gpu = await trainOn('gpu-webgpu');
  // it really ran on the asynchronous backend
  const probe = tensor([1]);
  expect(() => probe.dataSync()).toThrow(/await/);
  probe.dispose();
  await setBackend('cpu');
  expectSameTraining(cpu, gpu, 'webgpu');
});
