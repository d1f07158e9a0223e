import type { Conv2DInfo, KernelConfig, PoolKernelName } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program, type Program } from '../../program.js';
import { CONV_ARGS, convUniforms, nest, unravel4 } from './conv-uniforms.js';

/**
 * A forward pooling program on x NHWC: output element (n, oy, ox, c) knows its window's top-left tap
 * (y0, x0), padding included, and `body` (lines without leading indentation, ending in `return`)
 * reduces the window, usually with windowScan (window-scan.ts).
 */
export function poolProgram(name: string, body: string): Program {
  return program(name, () => `function (x, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'outH', 'outW', 'inC', ['n', 'oy', 'ox', 'c'])}
  const y0 = oy * sH - padT;
  const x0 = ox * sW - padL;
  ${nest(body, 1)}
}`);
}

/** The grid a pooling program computes: the pooled output (forward) or the input (gradients). */
export type PoolGrid = 'output' | 'input';

function gridShape(info: Conv2DInfo, grid: PoolGrid): number[] {
  return grid === 'output'
    ? [info.batchSize, info.outHeight, info.outWidth, info.inChannels]
    : [info.batchSize, info.inHeight, info.inWidth, info.inChannels];
}

/**
 * The pooling kernels and their gradients all run one program straight on their inputs (in the
 * kernel's input order, which is the program's tensor order) with the conv uniforms.
 */
export function poolKernel(kernelName: PoolKernelName, prog: Program, grid: PoolGrid): KernelConfig<PoolKernelName> {
  return {
    kernelName,
    kernelSet: 'gpu',
    kernelFunc: ({ inputs, attrs: { info }, backend }) =>
      (backend as GpuBackend).run(prog, inputs, convUniforms(info), gridShape(info, grid), 'float32'),
  };
}
