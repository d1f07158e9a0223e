import { describe, expect, it } from 'vitest';
import { KERNEL_NAMES, backend, dispose, getBackend, matMul, memory, registerBackend, registeredBackends, removeBackend, setBackend, tensor } from '@neurite/tensor';
import { CpuBackend, cpuKernelNames } from '../src/index.js';

describe('@neurite/backend-cpu', () => {
  it('registers the cpu backend on import and becomes the default', () => {
    expect(registeredBackends()).toContain('cpu');
    expect(getBackend()).toBe('cpu');
    expect(backend()).toBeInstanceOf(CpuBackend);
  });

  it('implements every kernel of the contract, and nothing outside it', () => {
    expect([...cpuKernelNames].sort()).toEqual([...KERNEL_NAMES].sort());
  });

  it('accounts for its buffers and frees them on dispose', () => {
    const before = backend().memory();
    const t = tensor(new Float32Array(1000), [10, 100]);
    const during = backend().memory();
    expect(during.numBytes - before.numBytes).toBe(4000);
    expect(during.numDataBuffers - before.numDataBuffers).toBe(1);
    expect(memory().backends.cpu.numBytes).toBe(during.numBytes);
    t.dispose();
    expect(backend().memory()).toEqual(before);
  });

  it('keeps a shared buffer alive until its last tensor is disposed', () => {
    const before = backend().memory().numDataBuffers;
    const t = tensor([1, 2, 3, 4]);
    const r = t.reshape([2, 2]);
    expect(backend().memory().numDataBuffers).toBe(before + 1);
    t.dispose();
    expect(Array.from(r.dataSync())).toEqual([1, 2, 3, 4]);
    r.dispose();
    expect(backend().memory().numDataBuffers).toBe(before);
  });

  it('says which buffer was freed when one is read after disposal', () => {
    const cpu = new CpuBackend();
    const id = cpu.write(new Float32Array(2), [2], 'float32');
    cpu.disposeData(id);
    expect(() => cpu.readSync!(id)).toThrow(/this buffer was freed/);
  });

  it('with syncReads false, reads only asynchronously, as WebGPU does, and still runs every kernel', async () => {
    const before = getBackend();
    registerBackend('cpu-async-only', () => new CpuBackend({ syncReads: false }), 0);
    await setBackend('cpu-async-only');
    try {
      expect(backend().readSync).toBeUndefined();
      const x = tensor([[1, 2], [3, 4]]);
      const y = matMul(x, x).add(1);
      expect(() => y.dataSync()).toThrow(/cannot read synchronously; use 'await tensor.data\(\)'/);
      expect(Array.from(await y.data())).toEqual([8, 11, 16, 23]);
      dispose([x, y]);
    } finally {
      await setBackend(before);
      removeBackend('cpu-async-only');
    }
  });

  it('rejects a syncReads that is not a boolean, naming it', () => {
    expect(() => new CpuBackend({ syncReads: 'no' as unknown as boolean })).toThrow(/CpuBackend: syncReads must be a boolean\. Received: syncReads='no'/);
    expect(() => new CpuBackend({ sync_reads: false } as never)).toThrow(/CpuBackend: unknown option 'sync_reads' \(use syncReads: options are camelCase\)/);
  });
});
