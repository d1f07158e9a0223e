import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { tensor } from '@neurite/tensor';
import { layers, saveModel, saveTfjsModel, saveWeights, sequential } from '../src/index.js';

describe('a disposed model', () => {
  it('says it was disposed, for every use, instead of a read of a freed tensor', async () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2], name: 'out' })], name: 'tiny' });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor([[1, 2]]);
    const y = tensor([[1]]);
    m.dispose();
    expect(m.isDisposed).toBe(true);
    const said = (action: string) => new RegExp(`^Sequential 'tiny' was disposed \\(dispose\\(\\) freed its weights\\), so it cannot ${action}; build or load it again$`);
    expect(() => m.predict(x)).toThrow(said('predict'));
    expect(() => m.predictOnBatch(x)).toThrow(said('predict'));
    expect(() => m.apply(x)).toThrow(said('be called'));
    expect(() => m.trainOnBatch(x, y)).toThrow(said('train'));
    expect(() => m.testOnBatch(x, y)).toThrow(said('evaluate'));
    expect(() => m.getWeights()).toThrow(said('give its weights'));
    expect(() => m.setWeights([])).toThrow(said('take new weights'));
    expect(() => m.compile({ optimizer: 'sgd', loss: 'mse' })).toThrow(said('be compiled'));
    await expect(m.fit(x, y)).rejects.toThrow(said('train'));
    await expect(m.evaluate(x, y)).rejects.toThrow(said('evaluate'));
    await expect(saveModel(m)).rejects.toThrow(said('be saved'));
    await expect(saveWeights(m)).rejects.toThrow(said('be saved'));
    await expect(saveTfjsModel(m)).rejects.toThrow(said('be saved'));
    // Its layers were disposed with it.
    expect(() => m.getLayer('out').apply(x)).toThrow(/^Dense 'out' was disposed/);
    x.dispose();
    y.dispose();
  });
});
