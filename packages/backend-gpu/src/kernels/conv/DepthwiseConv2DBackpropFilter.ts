import { divmod } from '../../program.js';
import { filterGradientKernel } from './filter-gradient.js';

/**
 * Inputs [x, dy]: dFilter element (fy, fx, c, q), flat (fy * fw + fx) * outC + j with j = c * mult + q,
 * sums x channel c times dy channel j over the batch and every output pixel, in chunks
 * (filter-gradient.ts).
 */
export const depthwiseConv2DBackpropFilterKernel = filterGradientKernel('DepthwiseConv2DBackpropFilter', {
  filterSize: 'fH * fW * outC',
  decompose: [divmod('tap', 'j', 'e', 'outC'), divmod('fy', 'fx', 'tap', 'fW'), divmod('c', 'q', 'j', 'mult')].join('\n  '),
  dyChannel: 'j',
}, (info) => [info.filterHeight, info.filterWidth, info.inChannels, info.channelMultiplier]);
