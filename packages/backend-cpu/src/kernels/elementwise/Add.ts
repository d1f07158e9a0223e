import { binaryKernel } from './binary-kernel.js';

export const addKernel = binaryKernel('Add', (a, b) => a + b);
