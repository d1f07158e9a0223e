// The same seeded training on the GPU backend's Node modes as on the CPU backend (the browser modes:
// test/browser/fit-webgpu.test.ts). headlessgl needs a display: `xvfb-run -a`, as the package's test script runs.
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend, type GpuBackend } from '@neurite/backend-gpu';
import { backend, registerBackend, removeBackend, setBackend } from '../src/index.js';
import { expectSameTraining, trainOn } from './cross-backend.js';

const MODES = ['webasm', 'headlessgl'] as const;
for (const mode of MODES) registerBackend(`keras-gpu-${mode}`, () => createGpuBackend({ mode }), 0);

afterAll(async () => {
  await setBackend('cpu');
  for (const mode of MODES) removeBackend(`keras-gpu-${mode}`);
});

describe('fit, evaluate and predict on the GPU backend in Node match the CPU backend', () => {
  it.each(MODES)('%s', async (mode) => {
    const cpu = await trainOn('cpu');
    const gpu = await trainOn(`keras-gpu-${mode}`);
    expect((backend() as GpuBackend).mode).toBe(mode);
    await setBackend('cpu');
    expectSameTraining(cpu, gpu, mode);
  });
});
