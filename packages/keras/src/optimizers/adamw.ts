import { Adam, type AdamArgs } from './adam.js';
import { argError } from './validate.js';

/** Options of AdamW: Adam's, with a default `weightDecay` of 0.004. */
export type AdamWArgs = AdamArgs;

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), as Keras 3: before each Adam update,
 * `w -= lr * weightDecay * w` — unlike an L2 penalty, the decay never passes through the moments.
 */
export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';

  constructor(args?: AdamWArgs) {
    const a = args === undefined ? {} : args;
    const isObject = typeof a === 'object' && a !== null && !Array.isArray(a);
    super(isObject ? { ...a, weightDecay: a.weightDecay === undefined ? 0.004 : a.weightDecay } : a, {
      learningRate: 0.001,
      name: 'adamw',
    });
    // Keras requires AdamW's decay to be a number; null would silently make this plain Adam.
    if (this.weightDecay === null) throw argError('AdamW', 'weightDecay', 'a finite number >= 0', null);
  }
}
