import { makeTypedArray, type KernelConfig, type TensorInfo } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program, type Program } from '../../program.js';
import { argList } from '../index-source.js';

/** The most inputs one program reads (WebGL 1 guarantees 8 texture units). */
const MAX_ARITY = 8;

/**
 * Every input viewed as [outer, w_j] (w_j = its size along axis times everything after), the output as
 * [outer, W]: column `col` of row `row` comes from the input whose column range [e_{j-1}, e_j) holds it.
 * Arguments: inputs x0..x{n-1}, the total width W, widths w0..w{n-1}, range ends e0..e{n-2}.
 */
function concatProgram(arity: number): Program {
  return program(`Concat/${arity}`, () => {
    const cases = Array.from({ length: arity - 1 }, (_, j) => {
      const start = j === 0 ? '0' : `e${j - 1}`;
      return `if (col < e${j}) { return x${j}[row * w${j} + col - ${start}]; }`;
    }).join('\n  ');
    const last = arity - 1;
    return `function (${argList('x', arity)}, W, ${argList('w', arity)}, ${argList('e', arity - 1)}) {
  ${divmod('row', 'col', 'this.thread.x', 'W')}
  ${cases}
  return x${last}[row * w${last} + col - e${last - 1}];
}`;
  });
}

/**
 * Joins the inputs along axis. Inputs empty along it are skipped; one input left shares its buffer.
 * More than MAX_ARITY inputs are joined in passes (the running result is the first input of the next
 * pass), and the intermediate results are freed.
 */
export const concatKernel: KernelConfig<'Concat'> = {
  kernelName: 'Concat',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs, attrs: { axis }, backend }) => {
    const gpu = backend as GpuBackend;
    const dtype = inputs[0].dtype;
    const shape = [...inputs[0].shape];
    shape[axis] = inputs.reduce((n, t) => n + t.shape[axis], 0);
    const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const width = (t: TensorInfo) => t.shape.slice(axis).reduce((a, b) => a * b, 1);
    const parts = inputs.filter((t) => t.shape[axis] > 0);
    if (parts.length === 0 || outer === 0 || width(parts[0]) === 0) return gpu.output(makeTypedArray(dtype, 0), shape, dtype);
    if (parts.length === 1) return { dataId: parts[0].dataId, shape, dtype };
    let acc: TensorInfo | null = null;
    let accWidth = 0;
    let next = 0;
    while (next < parts.length) {
      const group: TensorInfo[] = acc ? [acc] : [];
      const widths: number[] = acc ? [accWidth] : [];
      while (group.length < MAX_ARITY && next < parts.length) {
        group.push(parts[next]);
        widths.push(width(parts[next]));
        next++;
      }
      const ends: number[] = [];
      let W = 0;
      for (const w of widths) ends.push((W += w));
      ends.pop();
      const done = next === parts.length;
      const outShape = done ? shape : [outer, W];
      const result = gpu.run(concatProgram(group.length), group, [W, ...widths, ...ends], outShape, dtype);
      if (acc) release(gpu, acc);
      acc = result;
      accWidth = W;
    }
    return acc!;
  },
};

/** Frees an intermediate result (in the async mode the backend waits for the kernels queued to read it). */
function release(gpu: GpuBackend, t: TensorInfo): void {
  gpu.disposeData(t.dataId);
}
