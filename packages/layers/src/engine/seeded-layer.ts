import { NeuriteError, SeedGenerator, describeValue } from '@neurite/tensor';
import { Layer, type LayerArgs, type LayerConfig } from './layer.js';

export interface SeededLayerArgs extends LayerArgs {
  /** Makes the layer's sequence of random draws reproducible; without it they come from the global generator. */
  seed?: number | null;
}

/** An optional integer seed; `null`/`undefined` mean "draw from the global generator". */
export function checkSeed(cls: string, seed: unknown): number | null {
  if (seed == null) return null;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new NeuriteError(`${cls}: seed must be an integer (or null). Received: seed=${describeValue(seed)}`);
  }
  return seed;
}

/**
 * The base of every layer that draws random numbers (the Dropout family, the noise layers): it reads the
 * `seed` argument, owns the generator made from it (each training call draws the next stream of its
 * sequence, so a seeded layer repeats its sequence of masks from run to run, as in Keras 3), lists it in
 * `seedGenerators`, and writes `seed` into the config.
 */
export abstract class SeededLayer extends Layer {
  readonly seed: number | null;
  /** The layer's own generator when it has a seed; null draws from the global generator. */
  readonly seedGenerator: SeedGenerator | null;

  protected constructor(args: SeededLayerArgs) {
    super(args);
    this.seed = checkSeed(this.className, args?.seed);
    this.seedGenerator = this.seed === null ? null : new SeedGenerator(this.seed);
  }

  /** The generators this layer draws from (its state is what a resumed run needs to repeat the masks). */
  get seedGenerators(): SeedGenerator[] {
    return this.seedGenerator ? [this.seedGenerator] : [];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), seed: this.seed };
  }
}
