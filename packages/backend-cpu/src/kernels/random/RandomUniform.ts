import { randomWords, sizeFromShape, type KernelConfig, type RandomUniformAttrs } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

const TWO_POW_24 = 16777216;

/** The largest float32 below a float32 value (values that round up to `max` are moved here). */
function float32Below(v: number): number {
  const f = new Float32Array([v]);
  const bits = new Int32Array(f.buffer);
  if (v > 0) bits[0] -= 1;
  else if (v < 0) bits[0] += 1;
  else return -(2 ** -149);
  return f[0];
}

/** Element i from word i: min + u * (max - min) with u = (word >>> 8) / 2^24 (see `randomUniform`). */
export const randomUniformKernel: KernelConfig<RandomUniformAttrs> = {
  kernelName: 'RandomUniform',
  kernelSet: 'cpu',
  kernelFunc: ({ attrs: { shape, dtype, min, max, key, stream }, backend }) => {
    const cpu = backend as CpuBackend;
    const size = sizeFromShape(shape);
    const words = randomWords({ key, stream }, size);
    const range = max - min;
    if (dtype === 'int32') {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = Math.floor(min + ((words[i] >>> 8) / TWO_POW_24) * range);
      return cpu.output(out, shape, 'int32');
    }
    const out = new Float32Array(size);
    // float32 rounding may reach max: such values become the float32 just below it (half-open interval)
    const top = Math.fround(max);
    const below = float32Below(top);
    for (let i = 0; i < size; i++) {
      const v = Math.fround(min + ((words[i] >>> 8) / TWO_POW_24) * range);
      out[i] = v < top ? v : below;
    }
    return cpu.output(out, shape, 'float32');
  },
};
