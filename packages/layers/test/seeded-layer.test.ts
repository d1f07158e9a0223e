import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { ones } from '@neurite/tensor';
import {
  AlphaDropout, Dropout, GaussianDropout, GaussianNoise, SeededLayer, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, getLayerClass,
  type Layer,
} from '../src/index.js';

// Every layer that draws random numbers shares one base: the seed argument, the generator, the config.

const makers: [string, (seed: number | null) => Layer, number[]][] = [
  ['Dropout', (seed) => new Dropout({ rate: 0.5, seed }), [4, 6]],
  ['SpatialDropout1D', (seed) => new SpatialDropout1D({ rate: 0.5, seed }), [2, 3, 8]],
  ['SpatialDropout2D', (seed) => new SpatialDropout2D({ rate: 0.5, seed }), [2, 3, 3, 8]],
  ['SpatialDropout3D', (seed) => new SpatialDropout3D({ rate: 0.5, seed }), [2, 2, 2, 2, 8]],
  ['GaussianDropout', (seed) => new GaussianDropout({ rate: 0.5, seed }), [4, 6]],
  ['GaussianNoise', (seed) => new GaussianNoise({ stddev: 1, seed }), [4, 6]],
  ['AlphaDropout', (seed) => new AlphaDropout({ rate: 0.5, seed }), [4, 6]],
];

describe('SeededLayer', () => {
  it.each(makers)('%s: seed in the config, one generator with a seed and none without, the same sequence of draws for the same seed', (name, make, shape) => {
    const a = make(42) as SeededLayer;
    expect(a).toBeInstanceOf(SeededLayer);
    expect(getLayerClass(name)?.prototype).toBeInstanceOf(SeededLayer);
    expect(a.getConfig().seed).toBe(42);
    expect(a.seedGenerators).toHaveLength(1);
    expect((make(null) as SeededLayer).seedGenerators).toEqual([]);
    expect((make(null) as SeededLayer).getConfig().seed).toBeNull();
    const b = make(42);
    const x = ones(shape);
    const draws = (layer: Layer) => [0, 1].map(() => Array.from(layer.apply(x, { training: true }).dataSync()));
    const fromA = draws(a);
    expect(fromA[1]).not.toEqual(fromA[0]); // a new draw per call
    expect(draws(b)).toEqual(fromA); // the same sequence for the same seed
    expect(a.seedGenerators[0].state).toBe(2);
  });

  it('a bad seed is refused by name, by every random layer', () => {
    for (const [name, make] of makers) {
      expect(() => make(Number.NaN), name).toThrow(`${name}: seed must be an integer (or null). Received: seed=NaN`);
      expect(() => make(1.5), name).toThrow('Received: seed=1.5');
    }
  });
});
