import { reduceKernel } from './reduce-kernel.js';

export const sumKernel = reduceKernel('Sum', 0, (acc, v) => acc + v);
