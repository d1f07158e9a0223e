import { describe, expect, it } from 'vitest';
import { Registry } from '@neurite/tensor';
import { activationFunctions, constraintClasses, initializerClasses, layerClasses, registerActivation, registerLayer, Dense } from '@neurite/layers';
import { regularizerClasses, registerRegularizer, L2 } from '@neurite/regularizers';
import { lossClasses } from '../src/losses/index.js';
import { metricClasses, registerMetric } from '../src/metrics/index.js';
import { optimizerClasses, scheduleClasses } from '../src/optimizers/index.js';

// The nine name registries are one generic Registry, with one rule for a taken name.

const all = { layerClasses, regularizerClasses, initializerClasses, constraintClasses, activationFunctions, lossClasses, metricClasses, optimizerClasses, scheduleClasses };

describe('the registries', () => {
  it('are all one Registry, each with the built-ins it should hold', () => {
    for (const [name, r] of Object.entries(all)) expect(r, name).toBeInstanceOf(Registry);
    expect(layerClasses.get('Dense')).toBe(Dense);
    expect(regularizerClasses.get('l2')).toBe(L2);
    expect(initializerClasses.has('GlorotUniform')).toBe(true);
    expect(constraintClasses.has('MaxNorm')).toBe(true);
    expect(activationFunctions.has('relu')).toBe(true);
    expect(lossClasses.has('Huber')).toBe(true);
    expect(metricClasses.has('BinaryAccuracy')).toBe(true);
    expect(optimizerClasses.names()).toEqual(['adagrad', 'adam', 'adamw', 'rmsprop', 'sgd']);
    expect(scheduleClasses.names()).toEqual(['cosinedecay', 'exponentialdecay', 'piecewiseconstantdecay']);
  });

  it('refuse a second class or function under a taken name, in every register function', () => {
    class Other extends Dense {
      static override className = 'Dense';
    }
    expect(() => registerLayer(Other)).toThrow("registerLayer: the layer class name 'Dense' is already registered to another layer class");
    class OtherL2 extends L2 {}
    expect(() => registerRegularizer(OtherL2)).toThrow("registerRegularizer: the regularizer name 'L2' is already registered to another regularizer");
    expect(() => registerActivation('relu', (x) => x)).toThrow("registerActivation: the activation name 'relu' is already registered to another activation");
    expect(() => registerActivation('my_relu', (x) => x, 'leakyRelu')).toThrow("registerActivation: the spelling 'leakyRelu' already names the activation 'leaky_relu'");
    expect(() => registerMetric('BinaryAccuracy', class {} as never)).toThrow("registerMetric: the metric class name 'BinaryAccuracy' is already registered to another metric class");
    // the same class again is fine
    registerLayer(Dense);
    registerRegularizer(L2, 'l2');
  });
});
