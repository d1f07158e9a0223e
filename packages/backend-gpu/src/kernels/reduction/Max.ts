import { reduceKernel } from './reduce-kernel.js';

export const maxKernel = reduceKernel('Max', 'max');
