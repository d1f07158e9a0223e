import { maxPoolScan } from './max-pool-rule.js';
import { poolKernel, poolProgram } from './pool-kernel.js';
import { OWN_WINDOW } from './window-scan.js';

/**
 * Input x NHWC: output element (n, oy, ox, c) is its window's maximum over the in-bounds taps, by the
 * CPU's rule (max-pool-rule.ts). A window with no in-bounds tap gives -Infinity.
 */
const maxPool = poolProgram('MaxPool/direct', `${maxPoolScan(OWN_WINDOW)}
return found == 0 ? -Infinity : best;`);

export const maxPoolKernel = poolKernel('MaxPool', maxPool, 'output');
