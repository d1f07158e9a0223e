import { describe, expect, it } from 'vitest';
import { NeuriteError } from '../src/util/errors.js';
import { UnknownOptionError, checkKeys, readOptionsObject, snakeToCamel } from '../src/util/options.js';

describe('the one key check', () => {
  const known = ['kernelRegularizer', 'useBias', 'activation', 'seed', 'noiseShape'];
  const message = (options: object) => {
    try {
      checkKeys('Dense', options, known);
    } catch (e) {
      return (e as Error).message;
    }
    return null;
  };

  it("names a snake_case key's camelCase form", () => {
    expect(message({ kernel_regularizer: 1 })).toBe(
      "Dense: unknown option 'kernel_regularizer' (use kernelRegularizer: options are camelCase); the options are 'kernelRegularizer', 'useBias', 'activation', 'seed', 'noiseShape'. Received: kernel_regularizer=1",
    );
    expect(message({ use_bias: false })).toMatch(/'use_bias' \(use useBias: options are camelCase\)/);
    expect(message({ noise_shape: [1] })).toMatch(/'noise_shape' \(use noiseShape: options are camelCase\).*Received: noise_shape=\[1\]/);
  });

  it('suggests the nearest known key for a misspelling, and guesses nothing for short or far-off keys', () => {
    expect(message({ kernelRegulariser: 1 })).toMatch(/'kernelRegulariser' \(did you mean 'kernelRegularizer'\?\)/);
    expect(message({ activaton: 'relu' })).toMatch(/'activaton' \(did you mean 'activation'\?\).*Received: activaton='relu'/);
    expect(message({ seeed: 1 })).toMatch(/'seeed' \(did you mean 'seed'\?\)/);
    expect(message({ Seed: 1 })).toMatch(/'Seed' \(did you mean 'seed'\?\)/);
    expect(message({ se: 1 })).toMatch(/^Dense: unknown option 'se'; the options/);
    expect(message({ momentum: 0.9 })).toMatch(/^Dense: unknown option 'momentum'; the options/);
  });

  it('throws an UnknownOptionError carrying the owner, key, value and known keys; undefined values count as absent', () => {
    let error: unknown;
    try {
      checkKeys('L1', { l1: 0.1, l2: 0.2 }, ['l1']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownOptionError);
    expect(error).toBeInstanceOf(NeuriteError);
    expect(error).toMatchObject({ owner: 'L1', key: 'l2', value: 0.2, known: ['l1'] });
    expect(() => checkKeys('L1', { l1: 0.1, l2: undefined }, ['l1'])).not.toThrow();
    expect(() => checkKeys('Zeros', { seed: 1 }, [])).toThrow("Zeros: unknown option 'seed'; it takes no options. Received: seed=1");
  });

  it('reads an optional options object: undefined or null give {}, anything else must be a plain object', () => {
    expect(readOptionsObject('X', undefined, ['a'])).toEqual({});
    expect(readOptionsObject('X', null, ['a'])).toEqual({});
    expect(readOptionsObject('X', { a: 1 }, ['a'])).toEqual({ a: 1 });
    expect(() => readOptionsObject('X', 3 as never, ['a'])).toThrow('X: options must be an object. Received: options=3');
    expect(() => readOptionsObject('X', [1] as never, ['a'], 'config')).toThrow('X: config must be an object. Received: config=[1]');
    expect(snakeToCamel('ema_overwrite_frequency')).toBe('emaOverwriteFrequency');
  });
});
