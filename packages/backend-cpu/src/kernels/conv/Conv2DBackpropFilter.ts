import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { gemm, rowMajor } from '../linalg/gemm.js';
import { chunkRows, im2col, isPointwise } from './im2col.js';

/** Inputs [x, dy]: dFilter [K, outC] = sum over row chunks of cols(x)ᵀ [K, rows] times dy [rows, outC]. */
export const conv2DBackpropFilterKernel: KernelConfig<'Conv2DBackpropFilter'> = {
  kernelName: 'Conv2DBackpropFilter',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const xv = cpu.values(x);
    const dyv = cpu.values(dy);
    const { batchSize, inChannels, outHeight, outWidth, outChannels: O, filterHeight, filterWidth } = info;
    const K = filterHeight * filterWidth * inChannels;
    const rows = batchSize * outHeight * outWidth;
    const dw = new Float64Array(K * O);
    const step = Math.min(rows, chunkRows(Math.max(K, O)));
    const pointwise = isPointwise(info);
    const cols = pointwise ? xv : new Float32Array(step * K);
    for (let r0 = 0; r0 < rows; r0 += step) {
      const r1 = Math.min(rows, r0 + step);
      if (!pointwise) im2col(xv, info, r0, r1, cols);
      gemm(K, O, r1 - r0, rowMajor(cols, pointwise ? r0 * K : 0, K, true), rowMajor(dyv, r0 * O, O), dw, 0, O, true);
    }
    return cpu.output(Float32Array.from(dw), [filterHeight, filterWidth, inChannels, O], 'float32');
  },
};
