import { reduceKernel } from './reduce-kernel.js';

export const minKernel = reduceKernel('Min', 'min');
