import { afterEach, describe, expect, it } from 'vitest';
import {
  KERNEL_NAMES, add, backend, getBackend, matMul, registerBackend, registeredBackends, relu, removeBackend, setBackend, sum, tensor, tidy,
} from '@neurite/tensor';
import '@neurite/backend-cpu';
import { GpuBackend, createGpuBackend, gpuKernelNames } from '../src/index.js';
import { gpuJs, type GpuJsInstance, type GpuJsKernel } from '../src/gpujs.js';

describe('@neurite/backend-gpu', () => {
  afterEach(async () => {
    delete process.env.NEURITE_GPU_MODE;
    await setBackend('cpu');
  });

  it("registers 'gpu' on import without taking over from the CPU backend", () => {
    expect(registeredBackends()).toContain('gpu');
    expect(getBackend()).toBe('cpu');
  });

  it('implements every kernel of the contract, and nothing outside it', () => {
    expect([...gpuKernelNames].sort()).toEqual([...KERNEL_NAMES].sort());
  });

  it('runs the mode it is asked for and says so', () => {
    const b = createGpuBackend({ mode: 'webasm' });
    expect(b).toBeInstanceOf(GpuBackend);
    expect(b.mode).toBe('webasm');
    expect(b.fallbackReason).toBeNull();
    b.dispose();
  });

  it('refuses a mode that cannot start here, naming it and the reason, instead of degrading', () => {
    expect(() => createGpuBackend({ mode: 'webgl2' })).toThrow(/mode 'webgl2' cannot start here: WebGL2 is not available/);
    expect(() => createGpuBackend({ mode: 'webgpu' })).toThrow(/mode 'webgpu' cannot start here/);
    expect(() => createGpuBackend({ mode: 'metal' as never })).toThrow(/mode must be one of 'auto', 'webgpu'.*Received: mode='metal'/);
  });

  it('refuses options it does not know, and an allowAsync that is not a boolean', () => {
    expect(() => createGpuBackend({ mode: 'cpu', allow_async: true } as never)).toThrow(/createGpuBackend: unknown option 'allow_async' \(use allowAsync: options are camelCase\)/);
    expect(() => createGpuBackend({ mod: 'cpu' } as never)).toThrow(/createGpuBackend: unknown option 'mod'; the options are 'mode', 'allowAsync'/);
    expect(() => createGpuBackend({ allowAsync: 'yes' } as never)).toThrow(/createGpuBackend: allowAsync must be a boolean. Received: allowAsync='yes'/);
  });

  it('takes its mode from NEURITE_GPU_MODE, and names the variable when the value is wrong', () => {
    process.env.NEURITE_GPU_MODE = 'cpu';
    const b = createGpuBackend();
    expect(b.mode).toBe('cpu');
    b.dispose();
    process.env.NEURITE_GPU_MODE = 'gpu';
    expect(() => createGpuBackend()).toThrow(/NEURITE_GPU_MODE must be one of .*Received: NEURITE_GPU_MODE='gpu'/);
  });

  it("'auto' says why it did not pick each faster mode", () => {
    const b = createGpuBackend({ mode: 'auto' });
    expect(['headlessgl', 'webasm']).toContain(b.mode);
    if (b.mode === 'webasm') expect(b.fallbackReason).toMatch(/headlessgl: /);
    b.dispose();
  });

  it('can be registered under its own name per mode, and is the active backend object', async () => {
    registerBackend('gpu-test-cpu', () => createGpuBackend({ mode: 'cpu' }));
    await setBackend('gpu-test-cpu');
    const active = backend() as GpuBackend;
    expect(active.mode).toBe('cpu');
    expect(Array.from(add(tensor([1, 2]), tensor([3, 4])).dataSync())).toEqual([4, 6]);
    removeBackend('gpu-test-cpu');
  });

  it('keeps results on the device until read, and releases them on dispose', async () => {
    registerBackend('gpu-test-webasm', () => createGpuBackend({ mode: 'webasm' }));
    await setBackend('gpu-test-webasm');
    const gpu = backend() as GpuBackend;
    const before = gpu.memory();
    const x = tensor(new Float32Array(1000).fill(2), [10, 100]);
    const y = tidy(() => relu(x.mul(3)));
    const during = gpu.memory();
    expect(during.numDataBuffers - before.numDataBuffers).toBe(2);
    expect((during.numResident as number) - (before.numResident as number)).toBe(1); // y (webasm has no device to upload x to)
    expect(Array.from(await y.data()).every((v) => v === 6)).toBe(true);
    x.dispose();
    y.dispose();
    expect(gpu.memory()).toEqual(before);
    removeBackend('gpu-test-webasm');
  });
});

/** gpu.js's plain-JS mode with every kernel call made asynchronous: WebGPU's contract, testable in Node. */
function asyncOnlyGpu(): GpuJsInstance {
  const inner = new gpuJs.GPU({ mode: 'cpu' });
  return {
    mode: 'webgpu',
    createKernel(source, settings) {
      const k = inner.createKernel(source, settings);
      const run = ((...args: unknown[]) =>
        new Promise((resolve) => setTimeout(() => {
          const values = k(...args) as Float32Array;
          resolve({ held: values, toArray: async () => values, delete: () => undefined });
        }, 0))) as unknown as GpuJsKernel;
      run.setOutput = (o) => (k.setOutput(o), run);
      run.destroy = () => k.destroy();
      // the real kernel's resident inputs are plain arrays in cpu mode: unwrap the fake handles
      const call = run;
      const unwrapping = ((...args: unknown[]) =>
        call(...args.map((a) => (a && typeof a === 'object' && 'held' in a ? (a as { held: unknown }).held : a)))) as GpuJsKernel;
      unwrapping.setOutput = run.setOutput;
      unwrapping.destroy = run.destroy;
      return unwrapping;
    },
    destroy: () => inner.destroy(),
  };
}

describe('the asynchronous contract (WebGPU)', () => {
  it('queues kernels in order, resolves data(), and explains that dataSync() cannot work', async () => {
    registerBackend('gpu-test-async', () => new GpuBackend(asyncOnlyGpu(), { mode: 'webgpu', fallbackReason: null }));
    await setBackend('gpu-test-async');
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5, 6], [7, 8]]);
    const c = tidy(() => matMul(relu(a), b));
    const s = tidy(() => sum(add(c, 1)));
    expect(Array.from(await c.data())).toEqual([19, 22, 43, 50]);
    expect(Array.from(await s.data())).toEqual([138]);
    expect(() => c.dataSync()).toThrow(/use 'await tensor.data\(\)'/i);
    // even values still on the host: code that reads synchronously would break on the next computed tensor
    expect(() => a.dataSync()).toThrow(/use 'await tensor.data\(\)'/i);
    const gpu = backend() as GpuBackend;
    for (const t of [a, b, c, s]) t.dispose();
    await gpu.sync();
    expect(gpu.memory().numDataBuffers).toBe(0);
    expect(gpu.memory().numResident).toBe(0);
    removeBackend('gpu-test-async');
  });
});
