import { poolKernel, poolProgram } from './pool-kernel.js';
import { OWN_WINDOW, windowScan } from './window-scan.js';

/**
 * Input x NHWC: output element (n, oy, ox, c) is the mean over its window's in-bounds elements only
 * (padding is not counted, as in TF and the CPU backend); 0 for a window with none.
 */
const avgPool = poolProgram('AvgPool/direct', `let sum = 0;
let count = 0;
${windowScan(OWN_WINDOW, (at) => `sum += x[${at}];
count += 1;`)}
return count > 0 ? sum / count : 0;`);

export const avgPoolKernel = poolKernel('AvgPool', avgPool, 'output');
