import { describe, expect, it } from 'vitest';
import {
  Tensor, backend, dispose, getBackend, keep, listGradients, listKernels, memory, registerBackend, removeBackend,
  scalar, setBackend, tensor, tidy, zeros, ones, fill, zerosLike, onesLike, range, eye, KERNEL_NAMES,
} from '@neurite/tensor';
import { expectClose, type BackendUnderTest } from '../harness.js';

/** The tensor object, creation ops, reading, errors and the backend registry, on the backend under test. */
export function coreSuite(env: BackendUnderTest): void {
  describe(`core (${env.name})`, () => {
    it('is the active backend and implements every kernel of the contract', () => {
      expect(getBackend()).toBe(env.name);
      const missing = KERNEL_NAMES.filter((k) => !listKernels(backend().kernelSet).includes(k));
      expect(missing).toEqual([]);
    });

    it('has a gradient for every differentiable kernel of the contract', () => {
      const noGradient = new Set(['ArgMax', 'ArgMin', 'OneHot', 'RandomUniform', 'RandomNormal', 'TruncatedNormal',
        'Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'LogicalAnd', 'LogicalOr', 'LogicalNot',
        'UnsortedSegmentSum', 'StridedSliceGrad', 'MaxPoolGrad', 'AvgPoolGrad', 'Sign']);
      const missing = KERNEL_NAMES.filter((k) => !noGradient.has(k) && !listGradients().includes(k));
      expect(missing).toEqual([]);
    });

    it('creates tensors from nested arrays, typed arrays and flat values with a shape', async () => {
      const a = tensor([[1, 2, 3], [4, 5, 6]]);
      expect(a.shape).toEqual([2, 3]);
      expect(a.dtype).toBe('float32');
      expect(a.size).toBe(6);
      expect(a.rank).toBe(2);
      expect(await a.array()).toEqual([[1, 2, 3], [4, 5, 6]]);
      const b = tensor(new Int32Array([1, 2, 3, 4]), [2, 2]);
      expect(b.dtype).toBe('int32');
      expect(await b.array()).toEqual([[1, 2], [3, 4]]);
      const c = tensor([true, false]);
      expect(c.dtype).toBe('bool');
      expect(await c.array()).toEqual([true, false]);
      const s = scalar(3.5);
      expect(s.shape).toEqual([]);
      expect(await s.array()).toBe(3.5);
      expect(await tensor([1.7, -1.7], undefined, 'int32').data()).toEqual(new Int32Array([1, -1]));
      dispose([a, b, c, s]);
    });

    it('creates filled, identity and range tensors', async () => {
      await expectClose(zeros([2, 2]), [0, 0, 0, 0], env);
      await expectClose(ones([3], 'int32'), [1, 1, 1], env);
      expect(ones([3], 'int32').dtype).toBe('int32');
      await expectClose(fill([2], 7), [7, 7], env);
      const t = tensor([[1, 2]], undefined, 'int32');
      expect(zerosLike(t).dtype).toBe('int32');
      await expectClose(onesLike(t), [1, 1], env);
      await expectClose(range(0, 5), [0, 1, 2, 3, 4], env);
      await expectClose(range(5, 0, -2), [5, 3, 1], env);
      await expectClose(eye(2, 3), [1, 0, 0, 0, 1, 0], env);
    });

    it('rejects bad input with errors that name the op, the argument and what was received', () => {
      expect(() => tensor([[1, 2], [3]])).toThrow(/tensor: values is a ragged array/);
      expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/shape \[2,2\] needs 4 values, but values has 3/);
      expect(() => tensor([1], undefined, 'float64' as never)).toThrow(/dtype must be one of .*Received: dtype='float64'/);
      expect(() => zeros([2, -1])).toThrow(/fill: shape must be an array of non-negative integers. Received: shape=\[2,-1\]/);
      expect(() => zeros([1, 1, 1, 1, 1, 1, 1])).toThrow(/rank at most 6/);
      expect(() => range(0, 1, 0)).toThrow(/range: step must be non-zero/);
    });

    it('prints readable values and elides long axes', () => {
      const t = tensor([[1, 2.5], [3, 4]]);
      if (!env.syncReads) {
        // values cannot be read synchronously: the string says how to read them
        expect(t.toString()).toMatch(/^Tensor\(shape=\[2, 2\], dtype=float32\) <on '.*': use await data\(\) to read>$/);
        t.dispose();
        return;
      }
      expect(t.toString()).toBe('Tensor(shape=[2, 2], dtype=float32)\n[[1, 2.5],\n [3, 4]]');
      const long = range(0, 100);
      expect(long.toString()).toContain('[0, 1, 2, ..., 97, 98, 99]');
      expect(tensor([true]).toString()).toContain('[true]');
      dispose([t, long]);
    });

    it('reads data asynchronously everywhere and synchronously where the backend allows', async () => {
      const t = tensor([1, 2, 3]);
      expect(Array.from(await t.data())).toEqual([1, 2, 3]);
      if (env.syncReads) expect(Array.from(t.dataSync())).toEqual([1, 2, 3]);
      else expect(() => t.dataSync()).toThrow(/use 'await tensor.data\(\)'/);
      // data() returns a copy: writing to it does not change the tensor
      const copy = await t.data();
      copy[0] = 99;
      expect(Array.from(await t.data())).toEqual([1, 2, 3]);
      t.dispose();
    });

    it('refuses to read a disposed tensor and names it', async () => {
      const t = tensor([1, 2]);
      t.dispose();
      expect(t.isDisposed).toBe(true);
      await expect(t.data()).rejects.toThrow(/data: tensor of shape \[2\] .* was read after it was disposed/);
      expect(() => t.add(1)).toThrow(/after it was disposed/);
      t.dispose(); // twice is harmless
    });

    it('tidy disposes intermediates and keeps what is returned or kept', () => {
      const before = memory().numTensors;
      let kept: Tensor | undefined;
      const out = tidy(() => {
        const a = tensor([1, 2]);
        const b = a.add(a);
        kept = keep(a.add(1));
        return { result: b };
      });
      expect(memory().numTensors).toBe(before + 2);
      expect(out.result.isDisposed).toBe(false);
      dispose([out.result, kept]);
      expect(memory().numTensors).toBe(before);
    });

    it('names the kernel and the backend when a kernel is missing', async () => {
      const kernelSet = `empty-${env.name}`;
      registerBackend(kernelSet, () => ({
        kernelSet,
        write: () => ({}),
        read: async () => new Float32Array(0),
        disposeData: () => {},
        memory: () => ({ numBytes: 0, numDataBuffers: 0 }),
      }), -100);
      await setBackend(kernelSet);
      try {
        const t = tensor([1]);
        expect(() => t.add(t)).toThrow(new RegExp(`Kernel 'Add' is not registered for backend '${kernelSet}'`));
      } finally {
        await setBackend(env.name);
        removeBackend(kernelSet);
      }
    });

    it('rejects an unknown backend name and lists the registered ones', async () => {
      await expect(setBackend('no-such-backend')).rejects.toThrow(
        new RegExp(`setBackend: name must be a registered backend \\(one of .*'${env.name}'.*\\). Received: name='no-such-backend'`),
      );
    });
  });
}
