import { reduceKernel } from './reduce-kernel.js';

export const prodKernel = reduceKernel('Prod', 'prod');
