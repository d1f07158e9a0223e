import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS, ARCHITECTURES, BACKENDS, DATASETS, DEFAULT_STATE, NOISES, OPTIMIZERS, REGULARIZERS, SCALINGS, TARGETS,
  type HiddenLayer, type PlaygroundState,
} from '../src/state.js';
import { stateFromQuery, stateToQuery } from '../src/url.js';

/** Any number in a range (the URL must give each back exactly). */
const inRange = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));

const arbLayer: fc.Arbitrary<HiddenLayer> = fc.record({
  units: fc.integer({ min: 1, max: 256 }),
  regularizer: fc.constantFrom(...REGULARIZERS),
  l1: inRange(0, 1),
  l2: inRange(0, 1),
  target: fc.constantFrom(...TARGETS),
  noise: fc.constantFrom(...NOISES),
  rate: inRange(0, 0.95),
  scaling: fc.constantFrom(...SCALINGS),
});

const arbState: fc.Arbitrary<PlaygroundState> = fc.record({
  dataset: fc.constantFrom(...DATASETS),
  noise: inRange(0, 1),
  size: fc.integer({ min: 40, max: 10000 }),
  testFraction: inRange(0.1, 0.9),
  architecture: fc.constantFrom(...ARCHITECTURES),
  layers: fc.array(arbLayer, { maxLength: 4 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  learningRate: inRange(0, 1),
  weightDecay: inRange(0, 1),
  batchSize: fc.integer({ min: 1, max: 1024 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  backend: fc.constantFrom(...BACKENDS),
});

/** What a layer means: factors and options that the layer does not use are not part of it. */
function meaning(l: HiddenLayer) {
  const plain = l.regularizer === 'none' && l.noise === 'none';
  return {
    units: l.units,
    regularizer: l.regularizer,
    ...(plain ? {} : { l1: l.l1, l2: l.l2, target: l.target }),
    noise: l.noise,
    ...(l.noise === 'none' ? {} : { rate: l.rate, scaling: l.scaling }),
  };
}

describe('the state in the URL', () => {
  it('round-trips every state: the URL alone reproduces the run', () => {
    fc.assert(
      fc.property(arbState, (state) => {
        const { state: back, ignored } = stateFromQuery(stateToQuery(state));
        expect(ignored).toEqual([]);
        expect({ ...back, layers: back.layers.map(meaning) }).toEqual({ ...state, layers: state.layers.map(meaning) });
      }),
      { numRuns: 300 },
    );
  });

  it('an empty query is the default state; the default state writes a short, readable query', () => {
    expect(stateFromQuery('').state).toEqual(DEFAULT_STATE);
    const q = stateToQuery(DEFAULT_STATE);
    expect(q).toContain('data=circle');
    expect(q).toContain('seed=1');
    expect(decodeURIComponent(q)).toContain('layers=64:l2:0.001:0.003:kernel:dropout:0.4:inverted,64:');
    expect(q.length).toBeLessThan(250);
  });

  it('is tolerant: invalid or unknown parts take their defaults and are listed, never an error', () => {
    const { state, ignored } = stateFromQuery('?data=moons&size=5&seed=-3&lr=abc&extra=1&layers=0,12:l9:1:1:kernel,8:l2:0.1:0.1:kernel:dropout:2:inverted&batch=8');
    expect(state.dataset).toBe(DEFAULT_STATE.dataset);
    expect(state.size).toBe(DEFAULT_STATE.size);
    expect(state.seed).toBe(DEFAULT_STATE.seed);
    expect(state.learningRate).toBe(DEFAULT_STATE.learningRate);
    expect(state.batchSize).toBe(8);
    expect(state.layers.map((l) => [l.units, l.regularizer, l.noise])).toEqual([[12, 'none', 'none'], [8, 'l2', 'none']]);
    expect(ignored).toEqual([
      "unknown parameter 'extra'",
      "data: 'moons' is not one of circle, xor, gaussians, spiral, mnist",
      "size: '5' is out of range",
      "lr: 'abc' is out of range",
      "seed: '-3' is out of range",
      "layers[0]: units '0' is not an integer in [1, 256]",
      "layers[1]: regularizer 'l9:1:1:kernel'",
      "layers[2]: noise 'dropout:2:inverted'",
    ]);
  });
});
