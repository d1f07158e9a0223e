import { unravel4 } from './conv-uniforms.js';
import { filterGradientKernel } from './filter-gradient.js';

/**
 * Inputs [x, dy]: dFilter element (fy, fx, c, o) sums x times dy over the batch and every output pixel,
 * in chunks (filter-gradient.ts).
 */
export const conv2DBackpropFilterKernel = filterGradientKernel('Conv2DBackpropFilter', {
  filterSize: 'fH * fW * inC * outC',
  decompose: unravel4('e', 'fW', 'inC', 'outC', ['fy', 'fx', 'c', 'o']),
  dyChannel: 'o',
}, (info) => [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels]);
