import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  backend, conv2d, dispose, dropout, getBackend, getKernel, grads, matMul, memory, randomNormal, randomUniform, registerBackend,
  registeredBackends, removeBackend, setBackend, sum, tensor, tidy, truncatedNormal, type Tensor,
} from '@neurite/tensor';
import { WasmBackend, wasmBackendKernelNames, wasmFallbackReason } from '../src/index.js';
import { WASM_KERNELS } from '../src/wasm-exports.js';
import { compileKernels } from '../src/wasm-module.js';

const names: string[] = [];
function use(name: string, make: () => WasmBackend): Promise<boolean> {
  registerBackend(name, make, 0);
  names.push(name);
  return setBackend(name);
}

afterEach(async () => {
  delete process.env.NEURITE_WASM_THREADS;
  delete process.env.NEURITE_WASM_SIMD;
  await setBackend('cpu');
  for (const n of names.splice(0)) removeBackend(n);
});

function seeded(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
}

describe('@neurite/backend-wasm', () => {
  it("registers 'wasm' on import above 'cpu', so it is the default backend", async () => {
    expect(registeredBackends()).toEqual(expect.arrayContaining(['wasm', 'cpu']));
    // nothing has chosen a backend yet in this file: the registry picks the highest priority that starts
    expect(getBackend()).toBe('wasm');
    expect(backend()).toBeInstanceOf(WasmBackend);
    expect(wasmFallbackReason()).toBeNull();
  });

  it('registers every kernel of the contract and its fused kernels', () => {
    for (const name of ['BatchMatMul', 'Conv2D', 'Gather', 'Dropout', 'DropoutGrad', 'FusedMatMul', 'FusedConv2D'] as const) {
      expect(getKernel(name, 'wasm'), name).toBeDefined();
    }
    expect(wasmBackendKernelNames).toContain('UnsortedSegmentSum');
  });

  it('exports exactly the kernels the host calls', () => {
    const { module } = compileKernels('plain', false);
    const exported = WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name).sort();
    expect(exported).toEqual([...WASM_KERNELS, 'gemm_scratch_bytes', 'warm_up', 'warm_up_bytes'].sort());
  });

  it('rejects a bad thread count, naming the option or the environment variable', () => {
    for (const threads of [0, -1, 1.5, 'x', 17, null]) {
      expect(() => new WasmBackend({ threads: threads as never })).toThrow(
        `WasmBackend: threads must be a whole number of threads from 1 to 16. Received: threads=${typeof threads === 'string' ? `'${threads}'` : threads}`,
      );
    }
    process.env.NEURITE_WASM_THREADS = 'x';
    expect(() => new WasmBackend()).toThrow("WasmBackend: NEURITE_WASM_THREADS must be a whole number of threads from 1 to 16. Received: NEURITE_WASM_THREADS='x'");
    process.env.NEURITE_WASM_THREADS = '0';
    expect(() => new WasmBackend()).toThrow(/NEURITE_WASM_THREADS must be .*Received: NEURITE_WASM_THREADS='0'/);
    process.env.NEURITE_WASM_THREADS = '1';
    const b = new WasmBackend();
    expect(b.threads).toBe(1);
    b.dispose();
  });

  it('rejects unknown options and a bad simd choice', () => {
    expect(() => new WasmBackend({ thread: 2 } as never)).toThrow("WasmBackend: unknown option 'thread' (did you mean 'threads'?); the options are 'threads', 'simd', 'minParallelWork'. Received: thread=2");
    expect(() => new WasmBackend({ simd: 'fast' as never })).toThrow("WasmBackend: simd must be one of 'auto', 'relaxed', 'plain'. Received: simd='fast'");
    process.env.NEURITE_WASM_SIMD = 'avx';
    expect(() => new WasmBackend()).toThrow("WasmBackend: NEURITE_WASM_SIMD must be one of 'auto', 'relaxed', 'plain'. Received: NEURITE_WASM_SIMD='avx'");
    delete process.env.NEURITE_WASM_SIMD;
    expect(() => new WasmBackend({ minParallelWork: -1 })).toThrow('WasmBackend: minParallelWork must be a number >= 0. Received: minParallelWork=-1');
    expect(() => new WasmBackend(3 as never)).toThrow('WasmBackend: options must be an object. Received: options=3');
  });

  it('runs relaxed SIMD only where the engine validates it, and says which build runs', () => {
    const relaxedHere = (() => {
      try {
        return compileKernels('relaxed', false).simd === 'relaxed';
      } catch {
        return false;
      }
    })();
    const auto = new WasmBackend({ threads: 1 });
    expect(auto.simd).toBe(relaxedHere ? 'relaxed' : 'plain');
    if (relaxedHere) expect(auto.relaxedReason).toBeNull();
    else expect(auto.relaxedReason).toMatch(/does not validate relaxed SIMD/);
    auto.dispose();
    const plain = new WasmBackend({ threads: 1, simd: 'plain' });
    expect(plain.simd).toBe('plain');
    expect(plain.relaxedReason).toBe("not asked for (simd: 'plain')");
    plain.dispose();
    if (!relaxedHere) expect(() => new WasmBackend({ simd: 'relaxed' })).toThrow(/relaxed SIMD was asked for, but this engine does not validate relaxed SIMD/);
  });

  it('runs on one thread, with an unshared memory, in a page that is not cross-origin isolated, and says why', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    try {
      const b = new WasmBackend({ threads: 2 });
      expect(b.requestedThreads).toBe(2);
      expect(b.threads).toBe(1);
      expect(b.threadsReason).toBe(
        'running on 1 thread: the page is not cross-origin isolated (COOP same-origin and COEP require-corp headers)',
      );
      registerBackend('wasm-isolation', () => b, 0);
      names.push('wasm-isolation');
      await setBackend('wasm-isolation');
      expect(Array.from(await matMul(tensor([[1, 2]]), tensor([[3], [4]])).data())).toEqual([11]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps tensors in wasm memory, reports bytes and buffers, and frees them on dispose', async () => {
    await use('wasm-memory', () => new WasmBackend({ threads: 1 }));
    const b = backend() as WasmBackend;
    const before = b.memory();
    const x = tensor(seeded(1000, 1), [10, 100]);
    const y = tidy(() => x.mul(3).add(1));
    const during = b.memory();
    expect(during.numDataBuffers - before.numDataBuffers).toBe(2);
    expect(during.numBytes - before.numBytes).toBe(8000);
    expect(during.heapBytes).toBeGreaterThan(0);
    const values = await y.data();
    expect(values[7]).toBeCloseTo(seeded(1000, 1)[7] * 3 + 1, 5);
    // reads are copies: writing to them changes nothing
    values[7] = 1e6;
    expect((await y.data())[7]).not.toBe(1e6);
    dispose([x, y]);
    expect(b.memory().numBytes).toBe(before.numBytes);
    expect(b.memory().numDataBuffers).toBe(before.numDataBuffers);
  });

  it('grows its memory for a large tensor, and earlier tensors keep their values', async () => {
    await use('wasm-grow', () => new WasmBackend({ threads: 2 }));
    const b = backend() as WasmBackend;
    const small = tensor([1, 2, 3]);
    const heap = b.memory().heapBytes as number;
    const big = tensor(new Float32Array(40_000_000).fill(0.5)); // 160 MB
    expect(b.memory().heapBytes as number).toBeGreaterThan(heap + 150e6);
    expect(Array.from(await small.data())).toEqual([1, 2, 3]);
    const s = sum(big);
    expect((await s.data())[0]).toBe(20_000_000);
    dispose([small, big, s]);
  });

  it('refuses a tensor the memory cannot hold with a clear error instead of a RangeError', async () => {
    await use('wasm-huge', () => new WasmBackend({ threads: 1 }));
    const b = backend() as WasmBackend;
    expect(() => b.makeOutput([2 ** 31], 'float32')).toThrow(/wasm backend: out of memory: a buffer of 8589934592 bytes needs \d+ more 64 KiB pages, and the memory \(\d+ pages, \d+ bytes in use\) may grow to \d+ pages at most/);
  });

  it('starts its workers, splits big kernels between threads, and gives the same bits as one thread', async () => {
    const run = async (name: string, make: () => WasmBackend) => {
      await use(name, make);
      const b = backend() as WasmBackend;
      expect(await b.whenReady()).toBe(b.requestedThreads);
      const a = tensor(seeded(300 * 257, 2), [300, 257]);
      const w = tensor(seeded(257 * 129, 3), [257, 129]);
      const x = tensor(seeded(4 * 12 * 12 * 8, 4), [4, 12, 12, 8]);
      const f = tensor(seeded(3 * 3 * 8 * 16, 5), [3, 3, 8, 16]);
      const outputs = tidy(() => {
        const [dx, df] = grads((p: Tensor, q: Tensor) => conv2d(p, q, { padding: 'same' }).square().sum())([x, f]);
        return [matMul(a, w), matMul(w, a, { transposeA: true, transposeB: true }), dx, df, dropout(a, 0.3, { seed: 9 }), randomUniform([1000], { seed: 4 }), sum(a, { axis: 0 })];
      });
      const values = await Promise.all(outputs.map((t) => t.data()));
      const split = b.memory().splitKernels as number;
      dispose([a, w, x, f, outputs]);
      return { values, split };
    };
    const one = await run('wasm-t1', () => new WasmBackend({ threads: 1 }));
    const two = await run('wasm-t2', () => new WasmBackend({ threads: 2, minParallelWork: 0 }));
    expect(one.split).toBe(0);
    expect(two.split).toBeGreaterThan(5);
    two.values.forEach((v, i) => expect(Array.from(v), `output ${i}`).toEqual(Array.from(one.values[i])));
  });

  it('makes the same random values as the CPU backend, bit for bit', async () => {
    const draw = async () => {
      const ts = [randomUniform([1003], { seed: 5, min: -2, max: 3 }), randomNormal([501], { seed: 6, mean: 1, stddev: 2 }), truncatedNormal([333], { seed: 7 }), dropout(tensor(seeded(999, 8)), 0.4, { seed: 9 })];
      const v = await Promise.all(ts.map((t) => t.data()));
      dispose(ts);
      return v.map((a) => Array.from(a));
    };
    await use('wasm-random', () => new WasmBackend({ threads: 2, minParallelWork: 0 }));
    const wasm = await draw();
    await setBackend('cpu');
    const cpu = await draw();
    wasm.forEach((v, i) => expect(v, `draw ${i}`).toEqual(cpu[i]));
  });

  it('leaves no tensors and no bytes behind over 10,000 training steps', async () => {
    await use('wasm-steps', () => new WasmBackend({ threads: 2 }));
    const b = backend() as WasmBackend;
    const x = tensor(seeded(32 * 20, 10), [32, 20]);
    const w = tensor(seeded(20 * 8, 11), [20, 8]);
    let weights = w.clone();
    const step = () => {
      const next = tidy(() => {
        const [g] = grads((p: Tensor) => dropout(matMul(x, p).relu(), 0.2).square().mean())([weights]);
        return weights.sub(g.mul(0.01));
      });
      weights.dispose();
      weights = next;
    };
    for (let i = 0; i < 100; i++) step();
    const tensors = memory().numTensors;
    const bytes = b.memory().numBytes;
    const heap = b.memory().heapBytes;
    for (let i = 0; i < 10_000; i++) step();
    expect(memory().numTensors).toBe(tensors);
    expect(b.memory().numBytes).toBe(bytes);
    expect(b.memory().heapBytes).toBe(heap);
    dispose([x, w, weights]);
  });
});
