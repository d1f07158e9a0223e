// Gradients of the 'linalg' kernels, registered once for every backend.
import { registerGradient } from '../engine/kernel-registry.js';
import type { BatchMatMulAttrs } from '../kernel-names.js';
import { sumToShape } from '../ops/grad-util.js';
import { matMul } from '../ops/linalg/mat-mul.js';

// C = op(A) op(B) on rank-3 inputs; each case picks the product whose result already has the input's
// layout, so no transpose op is needed. A batch of 1 that was broadcast is summed back by sumToShape.
registerGradient({
  kernelName: 'BatchMatMul',
  gradFunc: ([dy], { inputs: [a, b] }, { transposeA, transposeB }) => {
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
  },
});
