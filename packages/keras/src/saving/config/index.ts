// Keras JSON: Keras 3's config.json, Keras 2 / tf.keras's model_config and TensorFlow.js's modelTopology,
// to and from Neurite models and layers.
//
// Reading rules (Keras's, where Keras has one):
// - Layer names are the names in the file. A functional model is rebuilt by creating every layer, then
//   replaying the recorded calls in file order, postponing a call until its input tensors exist.
// - Each layer's keys go through the typed tables in layer-table.ts. A key Keras writes that does not
//   change the computation (lora_rank: null, synchronized, fused, sparse: false, ...) is listed there and
//   accepted only at the values where that holds; any other value is an error naming the file and layer.
//   A key Neurite does not know at all is ignored with one console warning per file, class and key (newer
//   Keras versions add bookkeeping keys; refusing them would make every new file unreadable).
// - Unknown classes (layers, initializers, regularizers, constraints) are errors naming the class and the
//   file unless `customObjects` holds them (looked up by registered_name, then class_name, before built-ins).
// - Nothing in a file is ever run as code: Lambda layers and lambda activations are refused (with
//   safeMode, the default, and without it), unless `customObjects` supplies a Neurite class for them.
// - Errors never leave a half-built model: the layers made so far are disposed.
export { modelToKerasJSON, modelFromKerasJSON } from './model-json.js';
export type { KerasFlavor, ModelToJSONOptions, ModelFromJSONOptions } from './model-json.js';
export { layerToKerasJSON, layerFromKerasJSON } from './layer-json.js';
export type { LayerFromJSONOptions } from './layer-json.js';
export { LAYER_TABLES, BASE_KEYS } from './layer-table.js';
export type { LayerTable, KeyRule, Neutral, ValueKind } from './layer-table.js';
