// The TensorFlow.js layers-model file format (model.json + binary weight shards), as typed data.

/** Dtypes a weight may have in a manifest; Neurite reads the first three. */
export type TfjsWeightDType = 'float32' | 'int32' | 'bool' | 'string' | 'complex64';

/** How a quantized weight was stored (TensorFlow.js's converter `--quantize_*`): refused on load. */
export interface TfjsQuantization {
  dtype: string;
  scale?: number;
  min?: number;
  [key: string]: unknown;
}

/** One weight in a manifest group: where its bytes are is implied by the order of the group. */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: TfjsWeightDType;
  quantization?: TfjsQuantization;
}

/** A group of weights stored together, split over one or more shard files (concatenated in order). */
export interface TfjsManifestGroup {
  paths: string[];
  weights: TfjsWeightSpec[];
}

/** The content of model.json. */
export interface TfjsModelJSON {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  /** The Keras JSON of the model: the model object, or `{ model_config, training_config }`. */
  modelTopology: Record<string, unknown>;
  weightsManifest: TfjsManifestGroup[];
  trainingConfig?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Bytes in any of the forms a browser or Node hands over. */
export type BinaryLike = ArrayBuffer | ArrayBufferView;

/**
 * Model files held in memory (browser file inputs, tests): model.json as text, bytes or a parsed object,
 * and the weights either as one buffer (every group's shards concatenated, in manifest order) or by
 * shard path (`group1-shard1of1.bin`; a leading `./` or a directory part is ignored when matching).
 */
export interface TfjsMemorySource {
  modelJson: string | BinaryLike | TfjsModelJSON;
  weights: BinaryLike | Record<string, BinaryLike>;
  /** A name for error messages (default `model.json`). */
  fileName?: string;
}

/** A path to model.json (Node), an http(s) or file URL, or the files in memory. */
export type TfjsSource = string | URL | TfjsMemorySource;

/** What `saveTfjsModel` returns when given no directory: the two files' contents. */
export interface TfjsArtifacts {
  modelJson: TfjsModelJSON;
  weightData: Uint8Array;
}
