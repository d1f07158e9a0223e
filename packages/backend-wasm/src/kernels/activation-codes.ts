import type { FusedActivation } from '@neurite/tensor';

/** The activation codes of assembly/activation.ts. */
export const ACTIVATION_CODES: Record<FusedActivation, number> = { linear: 0, relu: 1, relu6: 2, sigmoid: 3, tanh: 4 };
