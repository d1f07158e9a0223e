import '@neurite/backend-cpu';
import { describe, expect, test } from 'vitest';
import { BatchNormalization, Dense, Input } from '@neurite/layers';
import { Model } from '../src/models/model.js';
import { Sequential } from '../src/models/sequential.js';
import { formatShape, readableSize } from '../src/models/summary.js';
import { AddTwo } from './model-helpers.js';

function capture(model: Model): string[] {
  const lines: string[] = [];
  model.summary((line) => lines.push(line));
  return lines;
}

describe('summary', () => {
  test('the 784-128-32-10 MLP: Keras 3 table and totals (104,938 params, 409.91 KB)', () => {
    const m = new Sequential({
      name: 'mlp',
      layers: [
        new Dense({ units: 128, activation: 'relu', inputShape: [784], name: 'hidden1' }),
        new Dense({ units: 32, activation: 'relu', name: 'hidden2' }),
        new Dense({ units: 10, activation: 'softmax', name: 'logits' }),
      ],
    });
    expect(m.countParams()).toBe(784 * 128 + 128 + 128 * 32 + 32 + 32 * 10 + 10);
    expect(capture(m)).toEqual([
      'Model: "mlp"',
      '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
      '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
      '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
      '│ hidden1 (Dense)                 │ (None, 128)            │       100,480 │',
      '├─────────────────────────────────┼────────────────────────┼───────────────┤',
      '│ hidden2 (Dense)                 │ (None, 32)             │         4,128 │',
      '├─────────────────────────────────┼────────────────────────┼───────────────┤',
      '│ logits (Dense)                  │ (None, 10)             │           330 │',
      '└─────────────────────────────────┴────────────────────────┴───────────────┘',
      ' Total params: 104,938 (409.91 KB)',
      ' Trainable params: 104,938 (409.91 KB)',
      ' Non-trainable params: 0 (0.00 B)',
    ]);
  });

  test('non-trainable weights are counted apart (BatchNormalization moving stats, frozen layers)', () => {
    const m = new Sequential({ name: 'bn', layers: [new Dense({ units: 4, inputShape: [3] }), new BatchNormalization()] });
    let lines = capture(m);
    expect(lines.slice(-3)).toEqual([' Total params: 32 (128.00 B)', ' Trainable params: 24 (96.00 B)', ' Non-trainable params: 8 (32.00 B)']);
    m.layers[0].trainable = false;
    lines = capture(m);
    expect(lines.slice(-2)).toEqual([' Trainable params: 8 (32.00 B)', ' Non-trainable params: 24 (96.00 B)']);
  });

  test('a functional model with two inputs gets the Connected to column and its InputLayers', () => {
    const a = Input({ shape: [4], name: 'sa' });
    const b = Input({ shape: [4], name: 'sb' });
    const sum = new AddTwo({ name: 'ssum' }).apply([a, b]) as unknown as typeof a;
    const out = new Dense({ units: 2, name: 'sout' }).apply(sum);
    const lines = capture(new Model({ inputs: [a, b], outputs: out, name: 'merge' }));
    expect(lines).toEqual([
      'Model: "merge"',
      '┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓',
      '┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃',
      '┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩',
      '│ sa (InputLayer)     │ (None, 4)         │          0 │ -                 │',
      '├─────────────────────┼───────────────────┼────────────┼───────────────────┤',
      '│ sb (InputLayer)     │ (None, 4)         │          0 │ -                 │',
      '├─────────────────────┼───────────────────┼────────────┼───────────────────┤',
      '│ ssum (AddTwo)       │ (None, 4)         │          0 │ sa[0][0]          │',
      '│                     │                   │            │ sb[0][0]          │',
      '├─────────────────────┼───────────────────┼────────────┼───────────────────┤',
      '│ sout (Dense)        │ (None, 2)         │         10 │ ssum[0][0]        │',
      '└─────────────────────┴───────────────────┴────────────┴───────────────────┘',
      ' Total params: 10 (40.00 B)',
      ' Trainable params: 10 (40.00 B)',
      ' Non-trainable params: 0 (0.00 B)',
    ]);
  });

  test('a chain-shaped functional model has no Connected to column but lists its InputLayer', () => {
    const x = Input({ shape: [3], name: 'chain_in' });
    const lines = capture(new Model({ inputs: x, outputs: new Dense({ units: 2, name: 'chain_d' }).apply(x), name: 'chain' }));
    expect(lines[2]).toBe('┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃');
    expect(lines[4]).toBe('│ chain_in (InputLayer)           │ (None, 3)              │             0 │');
    expect(lines[6]).toBe('│ chain_d (Dense)                 │ (None, 2)              │             8 │');
  });

  test('an unbuilt Sequential shows unknown shapes and unbuilt layers', () => {
    const lines = capture(new Sequential({ name: 'later', layers: [new Dense({ units: 3, name: 'later_d' })] }));
    expect(lines[4]).toBe('│ later_d (Dense)                 │ ?                      │   0 (unbuilt) │');
    expect(lines.at(-3)).toBe(' Total params: 0 (0.00 B)');
  });

  test('long names widen the column; the default printer is console.log', () => {
    const name = 'a_very_long_layer_name_that_does_not_fit_at_all';
    const m = new Sequential({ name: 'wide', layers: [new Dense({ units: 1, inputShape: [1], name })] });
    const lines = m.summaryText();
    expect(lines[4].startsWith(`│ ${name} (Dense) │`)).toBe(true);
    expect(new Set(lines.slice(1, -3).map((l) => [...l].length)).size).toBe(1);
  });

  test('formatShape and readableSize follow Python and Keras', () => {
    expect(formatShape([null, 28, 28, 1])).toBe('(None, 28, 28, 1)');
    expect(formatShape([null])).toBe('(None,)');
    expect(readableSize(0)).toBe('0.00 B');
    expect(readableSize(1023)).toBe('1023.00 B');
    expect(readableSize(1024)).toBe('1.00 KB');
    expect(readableSize(104938 * 4)).toBe('409.91 KB');
    expect(readableSize(3 * 1024 * 1024 * 1024)).toBe('3.00 GB');
  });
});
