// Recurrent layers and their cells, and the wrappers used with them.
export { RNNCell } from './rnn-cell.js';
export type { DropoutCellArgs, SequenceMasks, CellStep } from './rnn-cell.js';
export type { CellWeightArgs, CellWeightOptions } from './cell-weights.js';
export { WeightedCell } from './weighted-cell.js';
export { SimpleRNNCell } from './simple-rnn-cell.js';
export type { SimpleRNNCellArgs } from './simple-rnn-cell.js';
export { LSTMCell } from './lstm-cell.js';
export type { LSTMCellArgs } from './lstm-cell.js';
export { GRUCell } from './gru-cell.js';
export type { GRUCellArgs } from './gru-cell.js';
export { RNN } from './rnn.js';
export type { RNNArgs, RecurrentArgs } from './rnn.js';
export { SimpleRNN, LSTM, GRU } from './recurrent-layers.js';
export type { SimpleRNNArgs, LSTMArgs, GRUArgs } from './recurrent-layers.js';
export { Bidirectional } from './bidirectional.js';
export type { BidirectionalArgs, MergeMode } from './bidirectional.js';
export { TimeDistributed } from './time-distributed.js';
export type { TimeDistributedArgs } from './time-distributed.js';
