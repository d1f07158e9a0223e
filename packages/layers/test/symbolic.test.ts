import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { Conv2D, Dense, Flatten, Input, MaxPooling2D, SymbolicTensor } from '../src/index.js';

describe('symbolic calls (functional graphs)', () => {
  it('Input gives a symbolic tensor with a null batch axis', () => {
    const x = Input({ shape: [28, 28, 1] });
    expect(x).toBeInstanceOf(SymbolicTensor);
    expect(x.shape).toEqual([null, 28, 28, 1]);
    expect(x.node.layer.className).toBe('InputLayer');
  });

  it('records layer calls and propagates output shapes, building layers on the way', () => {
    const x = Input({ shape: [8, 8, 3], batchSize: 4 });
    const conv = new Conv2D({ filters: 5, kernelSize: 3, padding: 'same' });
    const h = conv.apply(x);
    const p = new MaxPooling2D({ poolSize: 2 }).apply(h);
    const f = new Flatten().apply(p);
    const dense = new Dense({ units: 2 });
    const y = dense.apply(f);
    expect(h.shape).toEqual([4, 8, 8, 5]);
    expect(f.shape).toEqual([4, 80]);
    expect(y.shape).toEqual([4, 2]);
    expect(conv.built && dense.built).toBe(true);
    expect(dense.weights.map((w) => w.shape)).toEqual([[80, 2], [2]]);
    expect(y.node.inputs).toEqual([f]);
    expect(dense.inboundNodes).toHaveLength(1);
  });

  it('refuses to mix symbolic and concrete inputs', () => {
    const x = Input({ shape: [2] });
    expect(() => new Dense({ units: 1 }).apply([x, 3] as never)).toThrow(/must be a Tensor \(or all SymbolicTensors\)/);
  });
});
