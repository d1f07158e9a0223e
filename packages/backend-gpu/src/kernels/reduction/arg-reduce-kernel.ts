import { sizeFromShape, type ArgReduceKernelName, type KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program, type Program } from '../../program.js';

/**
 * One program per direction: the input viewed as [outer, n, inner]; output element (o, j) scans
 * x[o, 0..n, j]. The first index wins a tie, and the first NaN beats every number (the scan stops
 * there), as on the CPU backend.
 */
function argReduceProgram(largest: boolean): Program {
  const better = largest ? 'v > best' : 'v < best';
  return program(`argReduce/${largest ? 'max' : 'min'}`, `function (x, n, inner) {
  const idx = this.thread.x;
  ${divmod('o', 'j', 'idx', 'inner')}
  const base = o * n * inner + j;
  let best = x[base];
  let found = 0;
  for (let k = 1; k < n; k++) {
    if (!(best < 0 || best >= 0)) { break; }
    const v = x[base + k * inner];
    if (${better} || !(v < 0 || v >= 0)) {
      best = v;
      found = k;
    }
  }
  return found;
}`);
}

/** Builds ArgMax / ArgMin: the int32 index of the best value along one axis (the op rejects empty axes). */
export function argReduceKernel(kernelName: ArgReduceKernelName, largest: boolean): KernelConfig<ArgReduceKernelName> {
  const prog = argReduceProgram(largest);
  return {
    kernelName,
    kernelSet: 'gpu',
    kernelFunc: ({ inputs: [x], attrs: { axis }, backend }) => {
      const gpu = backend as GpuBackend;
      const shape = x.shape;
      const outShape = shape.filter((_, i) => i !== axis);
      const n = shape[axis];
      const inner = sizeFromShape(shape.slice(axis + 1));
      if (n === 0 || sizeFromShape(outShape) === 0) {
        // an empty axis (which the op rejects) gives index 0 like the CPU backend's zero-filled output
        return gpu.output(new Int32Array(sizeFromShape(outShape)), outShape, 'int32');
      }
      return gpu.run(prog, [x], [n, inner], outShape, 'int32');
    },
  };
}
