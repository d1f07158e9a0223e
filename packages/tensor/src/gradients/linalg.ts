// Gradients of the 'linalg' kernels, registered once for every backend.
import { registerGradient } from '../engine/kernel-registry.js';
import type { Tensor } from '../tensor.js';
import { activationGradient } from '../ops/elementwise/fused-activation.js';
import { sumToShape } from '../ops/grad-util.js';
import { matMul } from '../ops/linalg/mat-mul.js';

/**
 * The gradients of C = op(A) op(B) on rank-3 inputs; each case picks the product whose result already
 * has the input's layout, so no transpose op is needed. A batch of 1 that was broadcast is summed back
 * by sumToShape.
 */
function matMulGradients(dy: Tensor, a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): [Tensor, Tensor] {
  let da;
  let db;
  if (!transposeA && !transposeB) {
    da = matMul(dy, b, { transposeB: true });
    db = matMul(a, dy, { transposeA: true });
  } else if (!transposeA && transposeB) {
    da = matMul(dy, b);
    db = matMul(dy, a, { transposeA: true });
  } else if (transposeA && !transposeB) {
    da = matMul(b, dy, { transposeB: true });
    db = matMul(a, dy);
  } else {
    da = matMul(b, dy, { transposeA: true, transposeB: true });
    db = matMul(dy, a, { transposeA: true, transposeB: true });
  }
  return [sumToShape(da, a.shape), sumToShape(db, b.shape)];
}

registerGradient({
  kernelName: 'BatchMatMul',
  gradFunc: ([dy], { inputs: [a, b] }, { transposeA, transposeB }) => matMulGradients(dy, a, b, transposeA, transposeB),
});

// activation(A B + bias): the activation's slope from the saved output, then BatchMatMul's gradients
// and the bias's (dz summed over every row).
registerGradient({
  kernelName: 'FusedMatMul',
  gradFunc: ([dy], { inputs: [a, b, bias], outputs: [y] }, { transposeA, transposeB, activation }) => {
    const dz = activationGradient(dy, y, activation);
    const grads: Tensor[] = matMulGradients(dz, a, b, transposeA, transposeB);
    if (bias) grads.push(sumToShape(dz, bias.shape));
    return grads;
  },
});
