import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { gemm, rowMajor } from '../linalg/gemm.js';
import { chunkRows, im2col, isPointwise } from './im2col.js';

/** out [rows, outC] = cols(x) [rows, K] times filter [K, outC], a chunk of rows at a time. */
export const conv2DKernel: KernelConfig<'Conv2D'> = {
  kernelName: 'Conv2D',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const xv = cpu.values(x);
    const wv = cpu.values(filter);
    const { batchSize, outHeight, outWidth, outChannels: O, filterHeight, filterWidth, inChannels } = info;
    const K = filterHeight * filterWidth * inChannels;
    const rows = batchSize * outHeight * outWidth;
    const out = new Float32Array(rows * O);
    const step = Math.min(rows, chunkRows(Math.max(K, O)));
    const acc = new Float64Array(step * O);
    const pointwise = isPointwise(info);
    const cols = pointwise ? xv : new Float32Array(step * K);
    for (let r0 = 0; r0 < rows; r0 += step) {
      const r1 = Math.min(rows, r0 + step);
      if (!pointwise) im2col(xv, info, r0, r1, cols);
      gemm(r1 - r0, O, K, rowMajor(cols, pointwise ? r0 * K : 0, K), rowMajor(wv, 0, O), acc, 0, O);
      out.set(acc.subarray(0, (r1 - r0) * O), r0 * O);
    }
    return cpu.output(out, [batchSize, outHeight, outWidth, O], 'float32');
  },
};
