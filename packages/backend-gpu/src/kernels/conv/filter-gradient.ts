import type { Conv2DInfo, KernelConfig, TensorInfo } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program, type Program } from '../../program.js';
import { addChunks, chunkRows } from './chunks.js';
import { paddedX, releasePadded } from './conv-pad.js';
import { CONV_ARGS, convUniforms } from './conv-uniforms.js';

/** The kernel-specific parts of a chunked filter-gradient program. */
export interface FilterGradientParts {
  /** Expression: the number of filter elements. */
  readonly filterSize: string;
  /**
   * Declares from filter element `e` its tap `fy`, `fx`, x's channel `c` and dy's channel (lines
   * joined by '\n  ', as divmod's are).
   */
  readonly decompose: string;
  /** The name `decompose` gives dy's channel. */
  readonly dyChannel: string;
}

/**
 * The chunked filter-gradient program of Conv2D and of the depthwise conv (which differ only in how a
 * filter element maps to channels), on [x, dy]: element t is chunk g's partial sum for filter element e,
 * x times dy over the chunk's `rows` (n, oy) rows. x comes zero-padded to the windows' extent
 * (conv-pad.ts), so each tap reads the padded input at a fixed offset from the window origin, with
 * uniform loop bounds and no bounds tests. Each row's products are summed apart, then added, which
 * keeps the float32 sum close.
 */
function filterGradientProgram(name: string, { filterSize, decompose, dyChannel }: FilterGradientParts): Program {
  return program(name, () => `function (xp, dy, ${CONV_ARGS}, xRows, xCols, rows) {
  const filterSize = ${filterSize};
  ${divmod('g', 'e', 'this.thread.x', 'filterSize')}
  ${decompose}
  const r0 = g * rows;
  ${divmod('n', 'oy', 'r0', 'outH')}
  const tapBase = (fy * dH * xCols + fx * dW) * inC + c;
  const xStep = sW * inC;
  let di = r0 * outW * outC + ${dyChannel};
  let sum = 0;
  for (let k = 0; k < rows; k++) {
    let xi = (n * xRows + oy * sH) * xCols * inC + tapBase;
    let part = 0;
    for (let ox = 0; ox < outW; ox++) {
      part += xp[xi] * dy[di];
      xi += xStep;
      di += outC;
    }
    sum += part;
    oy += 1;
    if (oy == outH) {
      oy = 0;
      n += 1;
    }
  }
  return sum;
}`);
}

/**
 * Runs a chunked filter-gradient program (Conv2D's or the depthwise one) over x zero-padded to the
 * windows' extent and dy, and adds its chunks into the filter gradient of `shape`.
 */
function filterGradient(
  gpu: GpuBackend, prog: Program, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo, shape: number[],
): TensorInfo {
  const xp = paddedX(gpu, x, info);
  const totalRows = info.batchSize * info.outHeight;
  const rowElements = info.outWidth * info.outChannels + info.strideHeight * xp.cols * info.inChannels;
  const rows = chunkRows(totalRows, rowElements, shape.reduce((a, b) => a * b, 1));
  const chunks = totalRows / rows;
  const partials = gpu.run(prog, [xp.tensor, dy], [...convUniforms(info), xp.rows, xp.cols, rows], [chunks, ...shape], 'float32');
  releasePadded(gpu, xp);
  return addChunks(gpu, partials, chunks, shape);
}

/**
 * A filter-gradient kernel on [x, dy] (Conv2DBackpropFilter, DepthwiseConv2DBackpropFilter): its
 * program, named `<kernelName>/padded`, and the filter's shape are all that differ.
 */
export function filterGradientKernel(
  kernelName: 'Conv2DBackpropFilter' | 'DepthwiseConv2DBackpropFilter', parts: FilterGradientParts, filterShape: (info: Conv2DInfo) => number[],
): KernelConfig<'Conv2DBackpropFilter' | 'DepthwiseConv2DBackpropFilter'> {
  const prog = filterGradientProgram(`${kernelName}/padded`, parts);
  return {
    kernelName,
    kernelSet: 'gpu',
    kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) =>
      filterGradient(backend as GpuBackend, prog, x, dy, info, filterShape(info)),
  };
}
