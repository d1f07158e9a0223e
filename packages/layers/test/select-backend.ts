// Vitest setup: runs a test file on another backend when NEURITE_TEST_BACKEND names a gpu.js mode
// ('gpu-webasm', 'gpu-cpu', 'gpu-headlessgl'); the package's test:gpu script runs the property tests so.
import { beforeAll } from 'vitest';
import { registerBackend, setBackend } from '@neurite/tensor';
import { createGpuBackend, type GpuMode } from '@neurite/backend-gpu';

const name = process.env.NEURITE_TEST_BACKEND;
if (name) {
  if (!/^gpu-[a-z0-9]+$/.test(name)) throw new Error(`NEURITE_TEST_BACKEND must look like 'gpu-<mode>'. Received: '${name}'`);
  registerBackend(name, () => createGpuBackend({ mode: name.slice(4) as GpuMode }));
  beforeAll(async () => {
    await setBackend(name);
  });
}
