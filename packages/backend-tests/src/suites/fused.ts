import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FUSED_ACTIVATIONS, add, conv2d, dispose, fusedConv2d, fusedMatMul, grads, matMul, relu, relu6, sigmoid, tanh, tensor,
  type FusedActivation, type Tensor,
} from '@neurite/tensor';
import { PROPERTY_RUNS, checkGradients, expectClose, type BackendUnderTest } from '../harness.js';
import { seededValues } from './linalg.js';

/** The unfused form: the op, then add, then the activation, each its own kernel. */
function activate(y: Tensor, activation: FusedActivation): Tensor {
  switch (activation) {
    case 'linear':
      return y;
    case 'relu':
      return relu(y);
    case 'relu6':
      return relu6(y);
    case 'sigmoid':
      return sigmoid(y);
    case 'tanh':
      return tanh(y);
  }
}

const arbActivation = fc.constantFrom(...FUSED_ACTIVATIONS);

/** Values scaled so that relu6 meets both of its kinks' sides and sigmoid/tanh leave their linear part. */
const scaled = (seed: number, n: number, by: number) => Array.from(seededValues(seed, n), (v) => v * by);

/**
 * Conformance tests of the fused ops (fusedMatMul, fusedConv2d): a backend with the optional fused
 * kernels must give what the unfused ops give; a backend without them runs the unfused ops.
 */
export function fusedSuite(env: BackendUnderTest): void {
  const tight = { rtol: Math.max(env.rtol, 1e-6), atol: env.atol };

  describe(`fused ops (${env.name})`, () => {
    it('fusedMatMul equals matMul, add and the activation, for every activation, transposes and batches', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            batch: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 13 }), k: fc.integer({ min: 1, max: 19 }),
            n: fc.integer({ min: 1, max: 21 }), transposeA: fc.boolean(), transposeB: fc.boolean(), withBias: fc.boolean(),
            activation: arbActivation, seed: fc.integer({ min: 1, max: 2 ** 30 }),
          }),
          async ({ batch, m, k, n, transposeA, transposeB, withBias, activation, seed }) => {
            const a = tensor(scaled(seed, batch * m * k, 3), [batch, ...(transposeA ? [k, m] : [m, k])]);
            const b = tensor(scaled(seed + 1, k * n, 3), transposeB ? [n, k] : [k, n]);
            const bias = withBias ? tensor(scaled(seed + 2, n, 4), [n]) : null;
            const got = fusedMatMul(a, b, { transposeA, transposeB, bias, activation });
            const product = matMul(a, b, { transposeA, transposeB });
            const want = activate(bias ? add(product, bias) : product, activation);
            expect(got.shape).toEqual([batch, m, n]);
            await expectClose(got, Array.from(await want.data()), tight, `fusedMatMul ${activation} bias=${withBias}`);
            dispose([a, b, bias, got, product, want]);
          },
        ),
        { numRuns: PROPERTY_RUNS * 2 },
      );
    });

    it('fusedMatMul has the unfused form\'s gradients, and finite-difference ones where the activation is smooth', async () => {
      for (const activation of FUSED_ACTIVATIONS) {
        const a = tensor(scaled(3, 12, 2), [3, 4]);
        const b = tensor(scaled(4, 20, 2), [4, 5]);
        const bias = tensor(scaled(5, 5, 2), [5]);
        const w = tensor(scaled(6, 15, 1), [3, 5]);
        const fused = grads((x, y, z) => fusedMatMul(x, y, { bias: z, activation }).mul(w).sum())([a, b, bias]);
        const plain = grads((x, y, z) => activate(add(matMul(x, y), z), activation).mul(w).sum())([a, b, bias]);
        for (let i = 0; i < 3; i++) await expectClose(fused[i], Array.from(await plain[i].data()), tight, `${activation} gradient ${i}`);
        if (activation === 'linear' || activation === 'sigmoid' || activation === 'tanh') {
          await checkGradients(
            (x, y, z) => fusedMatMul(x, y, { bias: z, activation, transposeB: true }),
            [scaled(7, 6, 1), scaled(8, 12, 1), scaled(9, 4, 1)], [[2, 3], [4, 3], [4]],
          );
        }
        dispose([a, b, bias, w, fused, plain]);
      }
    });

    it('fusedConv2d equals conv2d, add and the activation, NHWC and NCHW, with strides, padding and dilation', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            batch: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 7 }), w: fc.integer({ min: 1, max: 7 }),
            inC: fc.integer({ min: 1, max: 6 }), outC: fc.integer({ min: 1, max: 9 }), f: fc.integer({ min: 1, max: 3 }),
            stride: fc.integer({ min: 1, max: 2 }), dilation: fc.integer({ min: 1, max: 2 }),
            padding: fc.constantFrom('valid' as const, 'same' as const), nchw: fc.boolean(), withBias: fc.boolean(),
            activation: arbActivation, seed: fc.integer({ min: 1, max: 2 ** 30 }),
          }),
          async ({ batch, h, w, inC, outC, f, stride, dilation, padding, nchw, withBias, activation, seed }) => {
            const span = (f - 1) * dilation + 1;
            if (padding === 'valid' && (span > h || span > w)) return;
            if (stride > 1 && dilation > 1) return;
            const x = tensor(scaled(seed, batch * h * w * inC, 2), nchw ? [batch, inC, h, w] : [batch, h, w, inC]);
            const filter = tensor(scaled(seed + 1, f * f * inC * outC, 1), [f, f, inC, outC]);
            const bias = withBias ? tensor(scaled(seed + 2, outC, 3), [outC]) : null;
            const options = { strides: stride, padding, dilations: dilation, dataFormat: nchw ? 'NCHW' as const : 'NHWC' as const };
            const got = fusedConv2d(x, filter, { ...options, bias, activation });
            const plain = conv2d(x, filter, options);
            const biased = bias ? add(plain, nchw ? bias.reshape([outC, 1, 1]) : bias) : plain;
            const want = activate(biased, activation);
            expect(got.shape).toEqual(want.shape);
            await expectClose(got, Array.from(await want.data()), tight, `fusedConv2d ${activation}`);
            dispose([x, filter, bias, got, plain, biased, want]);
          },
        ),
        { numRuns: PROPERTY_RUNS * 2 },
      );
    });

    it('fusedConv2d has the unfused form\'s gradients, and finite-difference ones where the activation is smooth', async () => {
      for (const activation of FUSED_ACTIVATIONS) {
        const x = tensor(scaled(11, 2 * 4 * 4 * 3, 2), [2, 4, 4, 3]);
        const filter = tensor(scaled(12, 3 * 3 * 3 * 5, 1), [3, 3, 3, 5]);
        const bias = tensor(scaled(13, 5, 2), [5]);
        const w = tensor(scaled(14, 2 * 4 * 4 * 5, 1), [2, 4, 4, 5]);
        const options = { padding: 'same' as const };
        const fused = grads((a, b, c) => fusedConv2d(a, b, { ...options, bias: c, activation }).mul(w).sum())([x, filter, bias]);
        const plain = grads((a, b, c) => activate(add(conv2d(a, b, options), c), activation).mul(w).sum())([x, filter, bias]);
        for (let i = 0; i < 3; i++) await expectClose(fused[i], Array.from(await plain[i].data()), tight, `${activation} gradient ${i}`);
        if (activation === 'sigmoid') {
          await checkGradients(
            (a, b, c) => fusedConv2d(a, b, { bias: c, activation, strides: 2, padding: 'same' }),
            [scaled(15, 18, 1), scaled(16, 16, 1), scaled(17, 2, 1)], [[1, 3, 3, 2], [2, 2, 2, 2], [2]],
          );
        }
        dispose([x, filter, bias, w, fused, plain]);
      }
    });

    it('rejects a bias of the wrong shape and an activation it cannot fuse, naming them', () => {
      const a = tensor([[1, 2], [3, 4]]);
      expect(() => fusedMatMul(a, a, { bias: tensor([1, 2, 3]) })).toThrow(/fusedMatMul: shapes \[3\] and \[2,2\] cannot be broadcast together|fusedMatMul: bias must be/);
      expect(() => fusedMatMul(a, a, { activation: 'softmax' as never })).toThrow(
        "fusedMatMul: activation must be one of 'linear', 'relu', 'relu6', 'sigmoid', 'tanh'. Received: activation='softmax'",
      );
      expect(() => fusedMatMul(a, a, { bias: [1, 2], activaton: 'relu' } as never)).toThrow(/fusedMatMul: unknown option 'activaton' \(did you mean 'activation'\?\)/);
      const x = tensor(new Float32Array(16), [1, 4, 4, 1]);
      const f = tensor(new Float32Array(8), [2, 2, 1, 2]);
      expect(() => fusedConv2d(x, f, { bias: tensor([1, 2, 3]) })).toThrow(
        'fusedConv2d: bias must be of shape [2] (one value per output channel). Received: bias=Tensor(shape=[3], dtype=float32)',
      );
      dispose([a, x, f]);
    });
  });
}
