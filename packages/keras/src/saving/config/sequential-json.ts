// Sequential models: a list of layer entries, the input from a leading InputLayer (Keras 3, tf.keras 2.4+),
// the first layer's batch_input_shape (Keras 2, TensorFlow.js) or Keras 3's build_input_shape.
import { Input, Layer, type LayerShape, type SymbolicTensor } from '@neurite/layers';
import { Sequential } from '../../models/sequential.js';
import type { KerasObjectJSON } from '../contract.js';
import { isRecord, readError, withContext, type ReadContext } from './context.js';
import { writeDType } from './dtype-policy.js';
import type { KerasFlavor } from './flavor.js';
import { layerClassName, layerEntryName, layerToKerasJSON, readInputLayerArgs, readLayer } from './layer-json.js';

function buildInputShape(spec: Record<string, unknown>, config: Record<string, unknown>): LayerShape | undefined {
  const fromConfig = config.build_input_shape;
  const fromBuild = isRecord(spec.build_config) ? spec.build_config.input_shape : undefined;
  const shape = fromConfig ?? fromBuild;
  return Array.isArray(shape) && !shape.some(Array.isArray) ? (shape as LayerShape) : undefined;
}

export function readSequential(ctxIn: ReadContext, spec: Record<string, unknown>): Sequential {
  // Keras 1 / early Keras 2 wrote the layer list as the whole config.
  const config = (Array.isArray(spec.config) ? { layers: spec.config } : spec.config) as Record<string, unknown>;
  const ctx: ReadContext = { ...ctxIn, layer: { name: config?.name as string | undefined, className: 'Sequential' } };
  if (!isRecord(config) || !Array.isArray(config.layers)) throw readError(ctx, 'a Sequential config needs a layers list');
  const entries = config.layers as unknown[];
  const created: Layer[] = [];
  try {
    // Each item with the entry it came from, so that an error names the layer.
    const items: { item: Layer | SymbolicTensor; name?: string; className: string }[] = [];
    entries.forEach((entry, i) => {
      const name = isRecord(entry) ? layerEntryName(entry) : undefined;
      const className = isRecord(entry) ? String(entry.class_name) : 'unknown';
      if (isRecord(entry) && layerClassName(entry) === 'InputLayer') {
        const layerCtx = { ...ctx, layer: { name, className } };
        if (i !== 0) throw readError(layerCtx, 'an InputLayer can only come first in a Sequential');
        const args = readInputLayerArgs(layerCtx, (entry.config ?? {}) as Record<string, unknown>);
        items.push({ item: withContext(layerCtx, () => Input(args)), name, className });
        return;
      }
      const layer = readLayer(ctx, entry);
      created.push(layer);
      items.push({ item: layer, name, className });
    });
    const first = items[0]?.item;
    if (first instanceof Layer && first.batchInputShape === null) {
      const shape = buildInputShape(spec, config);
      if (shape) items.unshift({ item: Input({ batchShape: shape }), className: 'InputLayer' });
    }
    const model = withContext(ctx, () => new Sequential({ name: config.name as string | undefined }));
    for (const { item, name, className } of items) withContext({ ...ctx, layer: { name, className } }, () => model.add(item));
    if (config.trainable === false) model.trainable = false;
    return model;
  } catch (error) {
    for (const layer of created) layer.dispose();
    throw error;
  }
}

export function writeSequential(model: Sequential, flavor: KerasFlavor): KerasObjectJSON {
  const input = model.inputs[0];
  const shape = input ? [...input.shape] : undefined;
  const layers: Record<string, unknown>[] = model.layers.map((l) => layerToKerasJSON(l, flavor));
  if (flavor === 'tfjs') {
    // TensorFlow.js and Keras 2 keep the input shape on the first layer instead of an InputLayer.
    const first = layers[0]?.config as Record<string, unknown> | undefined;
    if (first && shape) first.batch_input_shape = shape;
    if (first && input && input.dtype !== 'float32') first.dtype = input.dtype;
    return { class_name: 'Sequential', config: { name: model.name, layers } };
  }
  if (input) layers.unshift(layerToKerasJSON(input.node.layer, flavor));
  const config: Record<string, unknown> = { name: model.name, trainable: model.trainable, dtype: writeDType('float32', flavor), layers };
  if (shape) config.build_input_shape = shape;
  const json: KerasObjectJSON = { module: 'keras', class_name: 'Sequential', config, registered_name: null };
  if (shape) json.build_config = { input_shape: shape };
  return json;
}
