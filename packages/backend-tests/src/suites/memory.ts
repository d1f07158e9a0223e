import { describe, expect, it } from 'vitest';
import {
  dispose, keep, memory, mean, mul, reshape, sub, tensor, tidy, variable, variableGrads, type Tensor, type Variable,
} from '@neurite/tensor';
import { values, type BackendUnderTest } from '../harness.js';

/** The active backend's own byte count (what it really holds), next to the engine's count. */
function backendBytes(env: BackendUnderTest): number {
  return memory().backends[env.name].numBytes;
}

/** Collects garbage and yields to the event loop until `done()` or the retries run out. */
async function collectUntil(done: () => boolean, retries = 50): Promise<boolean> {
  const gc = (globalThis as { gc?: () => void }).gc;
  expect(typeof gc, 'the memory suite needs node --expose-gc (see vitest.config.ts)').toBe('function');
  for (let i = 0; i < retries && !done(); i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return done();
}

/**
 * Creates tensors and drops every reference to them (a separate function, so no local keeps them); returns
 * their handles, which do not keep the tensors alive, to see that exactly these were freed.
 */
function makeGarbage(count: number): { disposed: boolean }[] {
  const handles: { disposed: boolean }[] = [];
  const handleOf = (t: Tensor) => (t as unknown as { handle: { disposed: boolean } }).handle;
  for (let i = 0; i < count; i++) {
    const t = tensor([i, i + 1, i + 2]);
    const sum = t.add(t);
    handles.push(handleOf(t), handleOf(sum), handleOf(sum.reshape([3, 1])));
  }
  return handles;
}

/** Conformance tests of the 'memory' family, run once per backend. */
export function memorySuite(env: BackendUnderTest): void {
  describe(`memory (${env.name})`, () => {
    it('tidy disposes intermediates and keeps what is returned, in arrays and objects too', () => {
      const before = memory().numTensors;
      const [a, b] = tidy(() => {
        const x = tensor([1, 2]);
        const y = x.add(x);
        y.add(y); // an intermediate
        return [y, x.add(1)];
      });
      expect(memory().numTensors).toBe(before + 2);
      const obj = tidy(() => {
        const x = tensor([3]);
        return { nested: { list: [x.add(1)] }, other: x.add(2), plain: 7 };
      });
      expect(memory().numTensors).toBe(before + 4);
      expect(obj.plain).toBe(7);
      dispose([a, b, obj]);
      expect(a.isDisposed && b.isDisposed && obj.nested.list[0].isDisposed && obj.other.isDisposed).toBe(true);
      expect(memory().numTensors).toBe(before);
    });

    it('nested tidy hands returned tensors to the outer scope, which then disposes them', async () => {
      const before = memory().numTensors;
      let inner: Tensor | undefined;
      const out = tidy(() => {
        const x = tensor([1, 2, 3]);
        inner = tidy(() => x.add(x).add(1));
        expect(inner.isDisposed).toBe(false);
        expect(memory().numTensors).toBe(before + 2);
        return inner.add(inner);
      });
      expect(inner!.isDisposed).toBe(true);
      expect(await values(out)).toEqual([6, 10, 14]);
      expect(memory().numTensors).toBe(before + 1);
      out.dispose();
      expect(memory().numTensors).toBe(before);
    });

    it('keep survives every enclosing tidy; dispose frees tensors in containers; twice is harmless', () => {
      const before = memory().numTensors;
      let kept: Tensor | undefined;
      tidy(() => {
        tidy(() => {
          kept = keep(tensor([1]).add(1));
        });
      });
      expect(kept!.isDisposed).toBe(false);
      expect(memory().numTensors).toBe(before + 1);
      const list = [tensor([1]), { t: tensor([2]) }];
      dispose([kept, list]);
      dispose(kept);
      expect(memory().numTensors).toBe(before);
    });

    it('tidy disposes intermediates when fn throws, and rejects async functions', () => {
      const before = memory().numTensors;
      expect(() =>
        tidy(() => {
          tensor([1, 2]).add(1);
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(memory().numTensors).toBe(before);
      expect(() => tidy((async () => tensor([1])) as never)).toThrow('tidy: fn must be synchronous; it returned a Promise');
    });

    it('refuses to read a disposed tensor, naming its shape and id', async () => {
      const t = tensor([[1, 2, 3]]);
      t.dispose();
      const named = new RegExp(`tensor of shape \\[1,3\\] \\(id ${t.id}\\) was read after it was disposed`);
      await expect(t.data()).rejects.toThrow(new RegExp(`^data: ${named.source}`));
      expect(() => t.add(1)).toThrow(named);
      expect(() => reshape(t, [3])).toThrow(named);
      if (env.syncReads) expect(() => t.dataSync()).toThrow(new RegExp(`^dataSync: ${named.source}`));
    });

    it('counts bytes per dtype, on the engine and the backend, and shares buffers between reshapes', () => {
      const start = memory();
      const startBackend = backendBytes(env);
      const f = tensor(new Float32Array(10));
      const i = tensor(new Int32Array(6));
      const b = tensor([true, false, true]);
      const now = memory();
      expect(now.numTensors - start.numTensors).toBe(3);
      expect(now.numDataBuffers - start.numDataBuffers).toBe(3);
      expect(now.numBytes - start.numBytes).toBe(10 * 4 + 6 * 4 + 3);
      expect(backendBytes(env) - startBackend).toBe(10 * 4 + 6 * 4 + 3);
      const r = f.reshape([2, 5]);
      expect(memory().numTensors - start.numTensors).toBe(4);
      expect(memory().numDataBuffers - start.numDataBuffers).toBe(3);
      expect(memory().numBytes - start.numBytes).toBe(67);
      f.dispose();
      expect(memory().numBytes - start.numBytes).toBe(67); // r still holds the buffer
      dispose([r, i, b]);
      expect(memory().numBytes).toBe(start.numBytes);
      expect(memory().numDataBuffers).toBe(start.numDataBuffers);
      expect(backendBytes(env)).toBe(startBackend);
    });

    it('variables survive tidy and free their buffer when disposed', () => {
      const start = memory();
      let w: Variable | undefined;
      tidy(() => {
        w = variable(tensor([1, 2, 3, 4]));
        w.assign(tensor([5, 6, 7, 8]).add(1));
      });
      // the variable made inside tidy is alive, holding one buffer of 16 bytes
      expect(w!.isDisposed).toBe(false);
      expect(memory().numTensors - start.numTensors).toBe(1);
      expect(memory().numBytes - start.numBytes).toBe(16);
      w!.dispose();
      expect(memory().numTensors).toBe(start.numTensors);
      expect(memory().numBytes).toBe(start.numBytes);
    });

    it('keeps tensor count and bytes flat over a 1,000-step training loop', async () => {
      // linear regression y = 2x - 1 by gradient descent, every step inside tidy
      const xs = tensor([-1, -0.5, 0, 0.5, 1, 1.5], [6, 1]);
      const ys = tensor([-3, -2, -1, 0, 1, 2], [6, 1]);
      const [w0, b0] = [tensor([[0]]), tensor([0])];
      const w = variable(w0, { name: 'memory_w' });
      const b = variable(b0, { name: 'memory_b' });
      dispose([w0, b0]); // the variables hold the buffers now; the first assign frees them
      const step = () =>
        tidy(() => {
          const { value, grads } = variableGrads(() => {
            const err = sub(xs.matMul(w).add(b), ys);
            return mean(mul(err, err));
          }, [w, b]);
          w.assign(sub(w, mul(grads.memory_w, 0.1)));
          b.assign(sub(b, mul(grads.memory_b, 0.1)));
          value.dispose();
        });
      const before = { ...memory(), backendBytes: backendBytes(env) };
      for (let i = 0; i < 100; i++) step();
      const at100 = { ...memory(), backendBytes: backendBytes(env) };
      for (let i = 100; i < 1000; i++) step();
      const at1000 = { ...memory(), backendBytes: backendBytes(env) };
      for (const [when, m] of [['step 100', at100], ['step 1000', at1000]] as const) {
        expect(m.numTensors, when).toBe(before.numTensors);
        expect(m.numBytes, when).toBe(before.numBytes);
        expect(m.numDataBuffers, when).toBe(before.numDataBuffers);
        expect(m.backendBytes, when).toBe(before.backendBytes);
      }
      const [wv] = await w.data();
      const [bv] = await b.data();
      expect(wv).toBeCloseTo(2, 3);
      expect(bv).toBeCloseTo(-1, 3);
      dispose([xs, ys, w, b]);
    });

    it('frees forgotten tensors when they are garbage-collected', async () => {
      // Earlier tests' forgotten tensors may be freed at any collection too, so the check follows this
      // test's own tensors (by their handles) rather than the global counts alone.
      const baseline = memory();
      const handles = makeGarbage(200);
      expect(handles).toHaveLength(600);
      expect(memory().numTensors - baseline.numTensors).toBe(600);
      const freed = await collectUntil(() => handles.every((h) => h.disposed));
      expect(freed, `${handles.filter((h) => !h.disposed).length} of this test's 600 tensors were not freed`).toBe(true);
      expect(memory().numTensors).toBeLessThanOrEqual(baseline.numTensors);
      expect(memory().numBytes).toBeLessThanOrEqual(baseline.numBytes);
      expect(memory().numDataBuffers).toBeLessThanOrEqual(baseline.numDataBuffers);
    });
  });
}
