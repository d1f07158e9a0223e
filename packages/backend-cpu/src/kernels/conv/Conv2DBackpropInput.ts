import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { gemm, rowMajor } from '../linalg/gemm.js';
import { chunkRows, col2im, isPointwise } from './im2col.js';

/** Inputs [dy, filter]: dx = col2im(dy [rows, outC] times filterᵀ [outC, K]), a chunk of rows at a time. */
export const conv2DBackpropInputKernel: KernelConfig<'Conv2DBackpropInput'> = {
  kernelName: 'Conv2DBackpropInput',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const dyv = cpu.values(dy);
    const wv = cpu.values(filter);
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels: O, filterHeight, filterWidth } = info;
    const K = filterHeight * filterWidth * inChannels;
    const rows = batchSize * outHeight * outWidth;
    const dx = new Float64Array(batchSize * inHeight * inWidth * inChannels);
    const filterT = rowMajor(wv, 0, O, true);
    if (isPointwise(info)) {
      gemm(rows, K, O, rowMajor(dyv, 0, O), filterT, dx, 0, K);
    } else {
      const step = Math.min(rows, chunkRows(Math.max(K, O)));
      const cols = new Float64Array(step * K);
      for (let r0 = 0; r0 < rows; r0 += step) {
        const r1 = Math.min(rows, r0 + step);
        gemm(r1 - r0, K, O, rowMajor(dyv, r0 * O, O), filterT, cols, 0, K);
        col2im(cols, info, r0, r1, dx);
      }
    }
    return cpu.output(Float32Array.from(dx), [batchSize, inHeight, inWidth, inChannels], 'float32');
  },
};
