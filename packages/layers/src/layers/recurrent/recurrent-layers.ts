// SimpleRNN, LSTM and GRU: an RNN over the matching cell, with the cell's options in the layer's own config.
import { type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { RECURRENT_KEYS, RNN, type RecurrentArgs } from './rnn.js';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';
import { LSTMCell, LSTM_CELL_KEYS, type LSTMCellArgs } from './lstm-cell.js';
import { GRUCell, GRU_CELL_KEYS, type GRUCellArgs } from './gru-cell.js';
import { CELL_WEIGHT_KEYS } from './cell-weights.js';

/** The options of `args` that belong to a cell of the class with `cellKeys` (its argKeys), with dtype and trainable. */
function cellArgs<A extends object>(args: A & RecurrentArgs, cellKeys: readonly string[] | undefined): A {
  const keep = new Set([...(cellKeys ?? []), 'dtype', 'trainable']);
  return Object.fromEntries(Object.entries(args).filter(([key]) => keep.has(key))) as A;
}

/** The config of a layer that makes its own cell: its RNN options and the cell's options, flat (no `cell` key). */
function flatConfig(layer: RNN, base: LayerConfig): LayerConfig {
  const { cell, ...rest } = base;
  void cell;
  const { name, trainable, dtype, ...cellOptions } = layer.cell.getConfig();
  void name; void trainable; void dtype;
  return { ...rest, ...cellOptions };
}

export interface SimpleRNNArgs extends SimpleRNNCellArgs, RecurrentArgs {}
export interface LSTMArgs extends LSTMCellArgs, RecurrentArgs {}
export interface GRUArgs extends GRUCellArgs, RecurrentArgs {}

/** Keras's `SimpleRNN`: a fully connected recurrence, `h = activation(x · W + h_prev · U + b)`. */
export class SimpleRNN extends RNN {
  static override className = 'SimpleRNN';
  static override argKeys = layerArgKeys<SimpleRNNArgs>({ ...CELL_WEIGHT_KEYS, ...RECURRENT_KEYS });

  constructor(args: SimpleRNNArgs) {
    super(args as never, new SimpleRNNCell({ ...cellArgs(args, SimpleRNNCell.argKeys), name: 'simple_rnn_cell' }));
  }

  override getConfig(): LayerConfig {
    return flatConfig(this, super.getConfig());
  }
}

/** Keras's `LSTM` (Hochreiter and Schmidhuber): the states are [h, c]. */
export class LSTM extends RNN {
  static override className = 'LSTM';
  static override argKeys = layerArgKeys<LSTMArgs>({ ...LSTM_CELL_KEYS, ...RECURRENT_KEYS });

  constructor(args: LSTMArgs) {
    super(args as never, new LSTMCell({ ...cellArgs(args, LSTMCell.argKeys), name: 'lstm_cell' }));
  }

  override getConfig(): LayerConfig {
    return flatConfig(this, super.getConfig());
  }
}

/** Keras's `GRU` (Cho et al.), with Keras 3's default resetAfter: true. */
export class GRU extends RNN {
  static override className = 'GRU';
  static override argKeys = layerArgKeys<GRUArgs>({ ...GRU_CELL_KEYS, ...RECURRENT_KEYS });

  constructor(args: GRUArgs) {
    super(args as never, new GRUCell({ ...cellArgs(args, GRUCell.argKeys), name: 'gru_cell' }));
  }

  override getConfig(): LayerConfig {
    return flatConfig(this, super.getConfig());
  }
}

registerLayer(SimpleRNN);
registerLayer(LSTM);
registerLayer(GRU);
