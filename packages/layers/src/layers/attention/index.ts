// Attention layers.
export { MultiHeadAttention } from './multi-head-attention.js';
export type { MultiHeadAttentionArgs, AttentionCallOptions } from './multi-head-attention.js';
