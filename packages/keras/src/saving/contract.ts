// The contract between the saving modules (config JSON, Keras archives and HDF5 weights, TensorFlow.js
// files). Each module implements its side; they meet only through these types and function names.
import type { Layer } from '@neurite/layers';

/** One serialized object as Keras writes it in config.json (snake_case keys: the file boundary). */
export interface KerasObjectJSON {
  module?: string | null;
  class_name: string;
  config: Record<string, unknown>;
  registered_name?: string | null;
  build_config?: Record<string, unknown> | null;
  compile_config?: Record<string, unknown> | null;
  /** Keras 2 / TensorFlow.js functional models list their layers with `inbound_nodes`. */
  [key: string]: unknown;
}

/** User classes for layers (and regularizers, initializers, constraints) the file names but Neurite lacks. */
export type CustomObjects = Record<string, (new (args: any) => unknown) & { className?: string }>;

export interface LoadOptions {
  customObjects?: CustomObjects;
  /** Refuse anything that would run code from the file (a Lambda layer). Default true, as Keras. */
  safeMode?: boolean;
  /** Whether to restore the training config (optimizer, loss, metrics) when the file has one. Default true. */
  compile?: boolean;
  /** Called with the fraction (0 to 1) of bytes read, for large files. */
  onProgress?: (fraction: number) => void;
}

/**
 * The weights of a model in the order Keras's files address them: for each layer with weights, the
 * Keras 3 storage path (`layers/dense_1`, derived from the class name with a per-class counter in layer
 * order), the layer, and its variables in Keras's order (kernel, bias, …).
 */
export interface LayerWeightsEntry {
  path: string;
  layer: Layer;
  weights: import('@neurite/layers').LayerWeight[];
}
