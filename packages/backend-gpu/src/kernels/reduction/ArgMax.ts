import { argReduceKernel } from './arg-reduce-kernel.js';

export const argMaxKernel = argReduceKernel('ArgMax', true);
