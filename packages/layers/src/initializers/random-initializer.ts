import type { DType } from '@neurite/tensor';
import { Initializer, type InitializerConfig } from './initializer.js';
import { argumentError, checkSeed } from './argument-checks.js';

/**
 * Base of the random initializers. With an integer `seed` every call gives the same values (Keras 3's
 * seeded behaviour, and the same on every backend); without one, each call draws from the tensor core's
 * global generator, so `setSeed(n)` makes a whole program reproducible.
 */
export abstract class RandomInitializer extends Initializer {
  readonly seed: number | null;

  protected constructor(owner: string, seed: unknown) {
    super();
    this.seed = checkSeed(owner, seed);
  }

  /** The seed option for the tensor core's random ops (undefined draws from the global generator). */
  protected get opSeed(): number | undefined {
    return this.seed ?? undefined;
  }

  /** Random ops make float32; any other dtype is rejected (Keras requires a float dtype too). */
  protected checkDType(dtype: DType): void {
    if (dtype !== 'float32') throw argumentError(this.className, 'dtype', "'float32'", dtype);
  }

  override getConfig(): InitializerConfig {
    return { seed: this.seed };
  }
}
