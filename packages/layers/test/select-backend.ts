// Vitest setup: runs a test file on another backend when NEURITE_TEST_BACKEND names one: a gpu.js mode
// ('gpu-webasm', 'gpu-cpu', 'gpu-headlessgl') or the WebAssembly backend on one or two threads ('wasm-1',
// 'wasm-2', the latter splitting every kernel between the threads); the package's test:backends script
// runs the property tests so.
import { beforeAll } from 'vitest';
import { registerBackend, setBackend } from '@neurite/tensor';
import { createGpuBackend, type GpuMode } from '@neurite/backend-gpu';
import { WasmBackend } from '@neurite/backend-wasm';

const name = process.env.NEURITE_TEST_BACKEND;
if (name) {
  if (/^gpu-[a-z0-9]+$/.test(name)) {
    registerBackend(name, () => createGpuBackend({ mode: name.slice(4) as GpuMode }));
  } else if (name === 'wasm-1' || name === 'wasm-2') {
    const threads = Number(name.slice(5));
    registerBackend(name, () => new WasmBackend({ threads, minParallelWork: 0 }));
  } else {
    throw new Error(`NEURITE_TEST_BACKEND must be 'gpu-<mode>', 'wasm-1' or 'wasm-2'. Received: '${name}'`);
  }
  beforeAll(async () => {
    await setBackend(name);
  });
}
