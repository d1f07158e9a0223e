import { argReduceKernel } from './arg-reduce-kernel.js';

export const argMinKernel = argReduceKernel('ArgMin', false);
