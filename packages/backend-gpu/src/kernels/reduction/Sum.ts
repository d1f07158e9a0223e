import { reduceKernel } from './reduce-kernel.js';

export const sumKernel = reduceKernel('Sum', 'sum');
