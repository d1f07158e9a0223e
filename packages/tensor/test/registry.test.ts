import { describe, expect, it } from 'vitest';
import { Registry } from '../src/index.js';

class A {}
class B {}

describe('Registry', () => {
  it('finds values by each of their names and lists the names sorted', () => {
    const r = new Registry<typeof A>('thing');
    r.register('registerThing', ['Zed', 'zed'], A);
    r.register('registerThing', ['Alpha'], B);
    expect(r.get('Zed')).toBe(A);
    expect(r.get('zed')).toBe(A);
    expect(r.has('Alpha')).toBe(true);
    expect(r.get('missing')).toBeUndefined();
    expect(r.get(42)).toBeUndefined();
    expect(r.names()).toEqual(['Alpha', 'Zed', 'zed']);
  });

  it('registering the same value again is a no-op; another value under a taken name is an error that changes nothing', () => {
    const r = new Registry<typeof A>('layer class');
    r.register('registerLayer', ['Thing'], A);
    r.register('registerLayer', ['Thing'], A);
    expect(() => r.register('registerLayer', ['Other', 'Thing'], B)).toThrow(
      "registerLayer: the layer class name 'Thing' is already registered to another layer class; choose another name, or pass { override: true } to replace it",
    );
    // all or nothing: 'Other' was not registered either
    expect(r.has('Other')).toBe(false);
    expect(r.get('Thing')).toBe(A);
    r.register('registerLayer', ['Thing'], B, { override: true });
    expect(r.get('Thing')).toBe(B);
  });

  it('rejects empty names and missing values, naming the argument', () => {
    const r = new Registry<typeof A>('thing');
    expect(() => r.register('reg', [''], A)).toThrow("reg: name must be a non-empty string. Received: name=''");
    expect(() => r.register('reg', [7 as never], A)).toThrow('reg: name must be a non-empty string. Received: name=7');
    expect(() => r.register('reg', ['X'], undefined as never)).toThrow('reg: value must be a thing. Received: value=undefined');
  });

  it('require: the value, or an error naming the owner and listing what is known', () => {
    const r = new Registry<typeof A>('loss class');
    r.register('registerLoss', ['Huber', 'MeanSquaredError'], A);
    expect(r.require('getLoss', 'Huber')).toBe(A);
    expect(() => r.require('getLoss', 'Hubber')).toThrow('getLoss: unknown loss class "Hubber"; known: Huber, MeanSquaredError');
  });
});
