import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/** An index outside [0, depth) leaves its row all offValue. */
export const oneHotKernel: KernelConfig<'OneHot'> = {
  kernelName: 'OneHot',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [indices], attrs: { depth, onValue, offValue }, backend }) => {
    const cpu = backend as HostArrays;
    const idx = cpu.values<Int32Array>(indices);
    const out = new Float32Array(idx.length * depth);
    if (offValue !== 0) out.fill(offValue);
    for (let i = 0; i < idx.length; i++) {
      const k = idx[i];
      if (k >= 0 && k < depth) out[i * depth + k] = onValue;
    }
    return cpu.output(out, [...indices.shape, depth], 'float32');
  },
};
