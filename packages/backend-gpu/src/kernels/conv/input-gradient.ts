import type { Conv2DInfo, KernelConfig, TensorInfo } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program, type Program } from '../../program.js';
import { paddedDy, releasePadded } from './conv-pad.js';
import { CONV_ARGS, convUniforms, nest, unravel4 } from './conv-uniforms.js';
import { windowGatherProgram, type GatherParts } from './window-gather.js';

/** The kernel-specific lines of a stride-1 input-gradient program (each without leading indentation). */
export interface PaddedInputParts {
  /** Declarations before the walk. */
  readonly setup: string;
  /** The first dy channel the pixel reads (omitted: channel 0). */
  readonly dyChannel?: string;
  /** Where the filter walk starts, and how far it moves per tap. */
  readonly wStart: string;
  readonly wTapStep: string;
  /** Per tap: adds into `sum` the products of dyp from `di` and w from `wi` over the channels. */
  readonly tap: string;
}

/**
 * The stride-1 input gradient of Conv2D and of the depthwise conv, one walk with their channel loops
 * plugged in: dx element (n, iy, ix, c) reads dy at output pixel (iy + padT - fy * dH, ix + padL - fx * dW)
 * for every tap. dy comes zero-padded by (filter - 1) * dilation - pad before it (paddedDy), so every
 * tap reads it in bounds: the loops have uniform bounds and no tests. (Out-of-range taps multiply a
 * padding zero; a non-finite filter value would then give NaN where skipping the tap would not.)
 */
function paddedInputGradientProgram(name: string, { setup, dyChannel, wStart, wTapStep, tap }: PaddedInputParts): Program {
  return program(name, () => `function (dyp, w, ${CONV_ARGS}, dRows, dCols) {
  ${unravel4('this.thread.x', 'inH', 'inW', 'inC', ['n', 'iy', 'ix', 'c'])}
  ${nest(setup, 1)}
  let dRow = ((n * dRows + iy + (fH - 1) * dH) * dCols + ix + (fW - 1) * dW) * outC${dyChannel === undefined ? '' : ` + ${dyChannel}`};
  const rowStep = dH * dCols * outC;
  const tapStep = dW * outC;
  let wi = ${wStart};
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    let di = dRow;
    for (let fx = 0; fx < fW; fx++) {
      ${nest(tap, 3)}
      di -= tapStep;
      wi += ${wTapStep};
    }
    dRow -= rowStep;
  }
  return sum;
}`);
}

/**
 * Runs an input gradient on [dy, filter]: at stride 1 the padded program on dy zero-padded (no bounds
 * tests), at any other stride the window-gather program (window-gather.ts) on dy itself.
 */
function inputGradient(
  gpu: GpuBackend, padded: Program, strided: Program, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo,
): TensorInfo {
  const shape = [info.batchSize, info.inHeight, info.inWidth, info.inChannels];
  if (info.strideHeight !== 1 || info.strideWidth !== 1) {
    return gpu.run(strided, [dy, filter], convUniforms(info), shape, 'float32');
  }
  const dyp = paddedDy(gpu, dy, info);
  const out = gpu.run(padded, [dyp.tensor, filter], [...convUniforms(info), dyp.rows, dyp.cols], shape, 'float32');
  releasePadded(gpu, dyp);
  return out;
}

/**
 * An input-gradient kernel on [dy, filter] (Conv2DBackpropInput, DepthwiseConv2DBackpropInput): its
 * stride-1 program `<kernelName>/padded` and any-stride program `<kernelName>/strided` (a window-gather
 * program on dy and w) are all that differ.
 */
export function inputGradientKernel(
  kernelName: 'Conv2DBackpropInput' | 'DepthwiseConv2DBackpropInput', parts: { readonly padded: PaddedInputParts; readonly strided: GatherParts },
): KernelConfig<'Conv2DBackpropInput' | 'DepthwiseConv2DBackpropInput'> {
  const padded = paddedInputGradientProgram(`${kernelName}/padded`, parts.padded);
  const strided = windowGatherProgram(`${kernelName}/strided`, 'dy, w', parts.strided);
  return {
    kernelName,
    kernelSet: 'gpu',
    kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) =>
      inputGradient(backend as GpuBackend, padded, strided, dy, filter, info),
  };
}
