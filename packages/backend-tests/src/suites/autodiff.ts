import { describe, expect, it } from 'vitest';
import {
  Variable, add, customGrad, dispose, grad, grads, memory, mul, scalar, sub, sum, tensor, tidy, valueAndGrad,
  valueAndGrads, variable, variableGrads, type Tensor,
} from '@neurite/tensor';
import { expectClose, values, type BackendUnderTest } from '../harness.js';

const cube = (x: Tensor) => mul(mul(x, x), x);

/** Conformance tests of the 'autodiff' family, run once per backend. */
export function autodiffSuite(env: BackendUnderTest): void {
  describe(`autodiff (${env.name})`, () => {
    describe('grad and grads', () => {
      it('differentiates a scalar function: d/dx sum(x^3) = 3x^2', async () => {
        const x = tensor([[1, -2], [0.5, 3]]);
        const g = grad((t) => sum(cube(t)))(x);
        expect(g.shape).toEqual([2, 2]);
        await expectClose(g, [3, 12, 0.75, 27], env);
        dispose([x, g]);
      });

      it('weights a non-scalar result by dy', async () => {
        const x = tensor([1, 2, 3]);
        const dy = tensor([1, 0.5, -2]);
        const g = grad((t) => mul(t, t))(x, dy);
        await expectClose(g, [2, 2, -12], env);
        dispose([x, dy, g]);
      });

      it('gives the gradient with respect to each argument, summed over broadcast axes', async () => {
        const a = tensor([[1, 2, 3], [4, 5, 6]]);
        const b = tensor([10, 20, 30]);
        const [ga, gb] = grads((p, q) => sum(mul(add(p, q), p)))([a, b]);
        // d/da sum((a + b) a) = 2a + b; d/db = sum over rows of a
        await expectClose(ga, [12, 24, 36, 18, 30, 42], env);
        await expectClose(gb, [5, 7, 9], env);
        expect(gb.shape).toEqual([3]);
        dispose([a, b, ga, gb]);
      });

      it('accumulates the gradient of an input used more than once', async () => {
        const x = tensor([2, -1]);
        const g = grad((t) => sum(add(mul(t, 3), sub(t, mul(t, t)))))(x);
        await expectClose(g, [3 + 1 - 4, 3 + 1 + 2], env);
        dispose([x, g]);
      });

      it('gives zeros for an input the result does not depend on', async () => {
        const a = tensor([1, 2]);
        const b = tensor([[3, 4, 5]]);
        const [ga, gb] = grads((p) => sum(mul(p, p)))([a, b]);
        await expectClose(ga, [2, 4], env);
        expect(gb.shape).toEqual([1, 3]);
        expect(await values(gb)).toEqual([0, 0, 0]);
        const gc = grad(() => scalar(5))(a);
        expect(await values(gc)).toEqual([0, 0]);
        // a result f did not create is the caller's: grad must leave it alive
        const constant = scalar(7);
        const gd = grad(() => constant)(a);
        expect(await values(gd)).toEqual([0, 0]);
        expect(constant.isDisposed).toBe(false);
        dispose([a, b, ga, gb, gc, gd, constant]);
      });

      it('is 1 for the identity', async () => {
        const x = scalar(4);
        const g = grad((t) => t)(x);
        expect(await values(g)).toEqual([1]);
        expect(x.isDisposed).toBe(false);
        dispose([x, g]);
      });

      it('differentiates through tidy inside f', async () => {
        const x = tensor([1, 2, 3]);
        const g = grad((t) => tidy(() => sum(mul(tidy(() => mul(t, t)), t))))(x);
        await expectClose(g, [3, 12, 27], env);
        dispose([x, g]);
      });

      it('computes second-order gradients: the grad of the grad of x^3 is 6x', async () => {
        const x = tensor([1, -2, 0.5]);
        const dCube = (t: Tensor) => grad((u) => sum(cube(u)))(t);
        const g2 = grad((t) => sum(dCube(t)))(x);
        await expectClose(g2, [6, -12, 3], env);
        dispose([x, g2]);
      });

      it('returns the value with valueAndGrad and valueAndGrads', async () => {
        const x = tensor([1, 2]);
        const { value, grad: g } = valueAndGrad((t) => sum(cube(t)))(x);
        await expectClose(value, [9], env);
        await expectClose(g, [3, 12], env);
        const y = tensor([3, 4]);
        const r = valueAndGrads((p, q) => sum(mul(p, q)))([x, y]);
        await expectClose(r.value, [11], env);
        await expectClose(r.grads[0], [3, 4], env);
        await expectClose(r.grads[1], [1, 2], env);
        dispose([x, y, value, g, r]);
      });

      it('rejects a non-scalar result without dy, a dy of the wrong shape, and bad arguments', () => {
        const x = tensor([1, 2]);
        expect(() => grad((t) => mul(t, t))(x)).toThrow(
          /^grad: f must return a scalar when no dy is given. Received: a tensor of shape \[2\]$/,
        );
        const dy = tensor([1, 2, 3]);
        expect(() => grad((t) => mul(t, t))(x, dy)).toThrow(/^grad: dy.shape must be the result's shape \[2\]. Received: dy.shape=\[3\]$/);
        dy.dispose();
        expect(() => grad(3 as never)).toThrow('grad: f must be a function. Received: f=3');
        expect(() => grads(null as never)).toThrow('grads: f must be a function. Received: f=null');
        expect(() => grads((p) => sum(p))(x as never)).toThrow(/grads: xs must be an array of tensors/);
        expect(() => grad((t) => sum(t))(tensor([1], undefined, 'int32'))).toThrow(
          "grad: x.dtype must be 'float32'. Received: x.dtype='int32'",
        );
        expect(() => grad(() => 3 as never)(x)).toThrow(/grad: f must be a function returning a Tensor/);
        x.dispose();
      });

      it('leaks no tensors: only the returned gradients stay alive', () => {
        const x = tensor([1, 2, 3]);
        const y = tensor([4, 5, 6]);
        const before = memory().numTensors;
        const g = grad((t) => sum(mul(cube(t), t)))(x);
        expect(memory().numTensors).toBe(before + 1);
        const gs = grads((p, q) => sum(mul(add(p, q), q)))([x, y]);
        expect(memory().numTensors).toBe(before + 3);
        const vg = valueAndGrads((p, q) => sum(mul(p, q)))([x, y]);
        expect(memory().numTensors).toBe(before + 6);
        expect(() => grad((t) => mul(t, t))(x)).toThrow(/scalar/);
        expect(memory().numTensors).toBe(before + 6);
        dispose([g, gs, vg]);
        expect(memory().numTensors).toBe(before);
        dispose([x, y]);
      });
    });

    describe('variables', () => {
      it('differentiates with respect to every trainable variable by default, and not the others', async () => {
        const w = variable(tensor([1, 2]), { name: 'autodiff_w' });
        const b = variable(tensor([0.5]), { name: 'autodiff_b' });
        const frozen = variable(tensor([3, 3]), { name: 'autodiff_frozen', trainable: false });
        const x = tensor([3, 4]);
        const f = () => sum(mul(add(mul(w, x), b), frozen));
        const { value, grads: g } = variableGrads(f);
        await expectClose(value, [3 * (3 + 0.5) + 3 * (8 + 0.5)], env);
        await expectClose(g.autodiff_w, [9, 12], env);
        await expectClose(g.autodiff_b, [6], env);
        expect(Object.keys(g)).not.toContain('autodiff_frozen');
        // an explicit list, non-trainable included
        const only = variableGrads(f, [frozen]);
        expect(Object.keys(only.grads)).toEqual(['autodiff_frozen']);
        await expectClose(only.grads.autodiff_frozen, [3.5, 8.5], env);
        dispose([w, b, frozen, x, value, g, only]);
      });

      it('assigns new values of the same shape and dtype, and rejects others', async () => {
        const init = tensor([[1, 2]]);
        const v = variable(init);
        expect(v).toBeInstanceOf(Variable);
        expect(v.trainable).toBe(true);
        v.assign(tensor([[5, 6]]));
        expect(await values(v)).toEqual([5, 6]);
        expect(await values(init)).toEqual([1, 2]); // the initial value is not changed
        expect(() => v.assign(tensor([5, 6]))).toThrow(
          `assign(${v.name}): value.shape must be [1,2] (the variable's shape). Received: value.shape=[2]`,
        );
        expect(() => v.assign(tensor([[5, 6]], undefined, 'int32'))).toThrow(
          "assign: value.dtype must be 'float32' (the variable's dtype). Received: value.dtype='int32'",
        );
        const named = variable(tensor([1]), { name: 'autodiff_unique' });
        expect(() => variable(tensor([1]), { name: 'autodiff_unique' })).toThrow(
          "variable: name must be unique among live variables. Received: name='autodiff_unique'",
        );
        dispose([init, v, named]);
        // a disposed variable frees its name
        dispose(variable(tensor([1]), { name: 'autodiff_unique' }));
      });
    });

    describe('customGrad', () => {
      it('uses its gradFunc instead of the gradient of the ops inside', async () => {
        // forward x^2, but a gradient of dy * 10 * saved x: 10x instead of 2x
        const f = customGrad((x) => ({
          value: mul(x, x),
          gradFunc: (dy, [saved]) => mul(mul(dy, saved), 10),
          save: [x],
        }));
        const x = tensor([1, -2, 3]);
        const y = f(x);
        await expectClose(y, [1, 4, 9], env);
        const g = grad((t) => sum(f(t)))(x);
        await expectClose(g, [10, -20, 30], env);
        dispose([x, y, g]);
      });

      it('gives one gradient per input and checks their number', async () => {
        const f = customGrad((a, b) => ({ value: add(a, b), gradFunc: (dy) => [mul(dy, 2), mul(dy, 3)] }));
        const a = tensor([1, 2]);
        const b = tensor([3, 4]);
        const [ga, gb] = grads((p, q) => sum(f(p, q)))([a, b]);
        await expectClose(ga, [2, 2], env);
        await expectClose(gb, [3, 3], env);
        const wrong = customGrad((p, q) => ({ value: add(p, q), gradFunc: (dy) => [dy] }));
        expect(() => grads((p, q) => sum(wrong(p, q)))([a, b])).toThrow('customGrad: gradFunc returned 1 gradients for 2 inputs');
        expect(() => customGrad((p) => ({ value: 1 as never, gradFunc: () => p }))(a)).toThrow(
          /customGrad: f must be a function returning \{ value: Tensor, gradFunc \}/,
        );
        dispose([a, b, ga, gb]);
      });
    });
  });
}
