// A single layer to and from its Keras JSON entry ({ module, class_name, config, registered_name, ... }).
import { NeuriteError, describeValue } from '@neurite/tensor';
import { InputLayer, Layer, getLayerClass, type LayerConfig, type LayerShape } from '@neurite/layers';
import type { KerasObjectJSON, LoadOptions } from '../contract.js';
import { camelToSnake, mapKeys, snakeToCamel } from './case.js';
import { isRecord, readError, withContext, type ReadContext } from './context.js';
import { readDType } from './dtype-policy.js';
import type { KerasFlavor } from './flavor.js';
import { readLayerArgs, writeLayerArgs } from './layer-args.js';
import { CLASS_ALIASES, LAYER_TABLES } from './layer-table.js';
import { Model } from '../../models/model.js';
import { isModelClass, nestedModels } from './nested-models.js';
import { setNestedLayerCodec } from './nested-layers.js';

export type LayerFromJSONOptions = LoadOptions & { source?: string; legacy?: boolean; kerasVersion?: string };

/** Classes that run code the file carries: never rebuilt from the file itself. */
const CODE_LAYERS = ['Lambda', 'TFOpLambda', 'SlicingOpLambda'];

export function makeContext(options: LayerFromJSONOptions = {}, legacy = false): ReadContext {
  return {
    source: options.source ?? 'the model JSON',
    customObjects: options.customObjects ?? {},
    safeMode: options.safeMode ?? true,
    legacy: options.legacy ?? legacy,
    producer: options.kerasVersion,
  };
}

/** The canonical class name of a layer entry (aliases resolved). */
export function layerClassName(spec: Record<string, unknown>): string {
  const name = spec.class_name as string;
  return CLASS_ALIASES[name] ?? name;
}

/** The name Keras gives a layer entry (the config's name, or the entry's for functional models). */
export function layerEntryName(spec: Record<string, unknown>): string | undefined {
  const config = spec.config;
  const name = isRecord(config) && typeof config.name === 'string' ? config.name : spec.name;
  return typeof name === 'string' ? name : undefined;
}

function checkSpec(ctx: ReadContext, spec: unknown): Record<string, unknown> & { class_name: string; config: Record<string, unknown> } {
  if (!isRecord(spec) || typeof spec.class_name !== 'string') {
    throw readError(ctx, `a layer entry must be { class_name, config }. Received: ${JSON.stringify(spec)?.slice(0, 200)}`);
  }
  if (spec.config != null && !isRecord(spec.config)) {
    throw readError({ ...ctx, layer: { className: spec.class_name } }, `config must be an object. Received: ${JSON.stringify(spec.config).slice(0, 200)}`);
  }
  return { ...spec, class_name: spec.class_name, config: (spec.config as Record<string, unknown>) ?? {} };
}

/** A custom class's config: keys to camelCase, dtype policies to names, nested objects to `{ className, config }`. */
function genericArgs(ctx: ReadContext, config: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const arg = snakeToCamel(key);
    if (key === 'dtype') args.dtype = readDType(ctx, value);
    else if (isRecord(value) && typeof value.class_name === 'string') {
      args[arg] = { className: value.class_name, config: isRecord(value.config) ? mapKeys(value.config, snakeToCamel) : value.config };
    } else args[arg] = value;
  }
  return args;
}

type CustomLayerClass = { new (args: unknown): unknown; fromConfig?: (config: LayerConfig) => unknown };

/** A layer of a class the file's reader supplies: in customObjects, or registered by a downstream library. */
function customLayer(ctx: ReadContext, spec: { class_name: string; config: Record<string, unknown>; registered_name?: unknown }): Layer | undefined {
  const own = Object.prototype.hasOwnProperty;
  const key = [spec.registered_name, spec.class_name].find((n) => typeof n === 'string' && own.call(ctx.customObjects, n)) as string | undefined;
  if (key !== undefined) return customLayerOf(ctx, spec, ctx.customObjects[key] as unknown as CustomLayerClass, `customObjects['${key}']`);
  // registered (registerSerializable) but not one of Neurite's own: read with the generic config reader
  const name = [spec.registered_name, spec.class_name].find(
    (n) => typeof n === 'string' && getLayerClass(n) !== undefined && !LAYER_TABLES[n] && !isModelClass(n),
  ) as string | undefined;
  return name === undefined ? undefined : customLayerOf(ctx, spec, getLayerClass(name) as unknown as CustomLayerClass, `the registered class '${name}'`);
}

function customLayerOf(ctx: ReadContext, spec: { config: Record<string, unknown> }, cls: CustomLayerClass, what: string): Layer {
  const args = genericArgs(ctx, spec.config);
  const layer = withContext(ctx, () => (typeof cls.fromConfig === 'function' ? cls.fromConfig(args) : new cls(args)));
  if (!(layer instanceof Layer)) throw readError(ctx, `${what} must make a Layer (a subclass of Neurite's Layer)`);
  return layer;
}

/** The Neurite args of an InputLayer entry (Keras 3's batch_shape or Keras 2's batch_input_shape). */
export function readInputLayerArgs(ctx: ReadContext, config: Record<string, unknown>): { batchShape: LayerShape; dtype?: 'float32' | 'int32' | 'bool'; name?: string } {
  const args = readLayerArgs(ctx, 'InputLayer', LAYER_TABLES.InputLayer, config);
  const batchShape = args.batchInputShape as LayerShape | undefined;
  if (!Array.isArray(batchShape)) throw readError(ctx, `an InputLayer needs batch_shape (Keras 3) or batch_input_shape (Keras 2)`);
  return { batchShape, dtype: args.dtype as never, name: args.name as string | undefined };
}

/** Reads one layer entry (not called on anything yet). */
export function readLayer(ctxIn: ReadContext, specIn: unknown): Layer {
  const spec = checkSpec(ctxIn, specIn);
  const className = layerClassName(spec);
  const ctx: ReadContext = { ...ctxIn, layer: { name: layerEntryName(spec), className: spec.class_name } };
  const custom = customLayer(ctx, spec);
  if (custom) return custom;
  if (CODE_LAYERS.includes(className)) {
    throw readError(
      ctx,
      ctx.safeMode
        ? `${className} layers hold Python code, which Neurite never runs (safeMode). Pass a Neurite layer class for it in customObjects['${className}']`
        : `${className} layers hold Python code, which Neurite cannot run. Pass a Neurite layer class for it in customObjects['${className}']`,
    );
  }
  if (isModelClass(className)) return nestedModels().read(ctx, spec);
  const layerTable = LAYER_TABLES[className];
  const cls = getLayerClass(className);
  if (!layerTable || !cls) {
    throw readError(ctx, `unknown layer class '${spec.class_name}'; pass its Neurite class in customObjects['${spec.class_name}']`);
  }
  if (className === 'InputLayer') {
    const { batchShape, dtype, name } = readInputLayerArgs(ctx, spec.config);
    return withContext(ctx, () => new InputLayer({ batchInputShape: batchShape, dtype, name }));
  }
  const args = readLayerArgs(ctx, className, layerTable, spec.config);
  return withContext(ctx, () => (cls as unknown as { fromConfig(c: LayerConfig): Layer }).fromConfig(args));
}

/** Reads one layer entry of Keras JSON (any flavor) into a Neurite layer. */
export function layerFromKerasJSON(spec: unknown, options: LayerFromJSONOptions = {}): Layer {
  return readLayer(makeContext(options), spec);
}

/** A custom layer's config in Keras's spelling (its nested `{ className, config }` objects too). */
function genericConfig(layer: Layer, flavor: KerasFlavor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(layer.getConfig())) {
    if (value === undefined) continue;
    const snake = camelToSnake(key);
    if (key === 'batchInputShape' && flavor === 'keras3') continue;
    if (isRecord(value) && typeof value.className === 'string') {
      out[snake] = { class_name: value.className, config: isRecord(value.config) ? mapKeys(value.config, camelToSnake) : value.config };
    } else out[snake] = value;
  }
  return out;
}

/** The input shape(s) of the layer's first call, for Keras 3's build_config. */
function firstInputShape(layer: Layer): LayerShape | LayerShape[] | undefined {
  const node = layer.inboundNodes.find((n) => n.inputs.length > 0);
  if (!node) return undefined;
  const shapes = node.inputs.map((t) => [...t.shape]);
  return node.inputsAsList ? shapes : shapes[0];
}

/** The InputLayer entry: Keras 3 writes batch_shape and a plain dtype string, Keras 2 batch_input_shape. */
function inputLayerConfig(layer: InputLayer, flavor: KerasFlavor): Record<string, unknown> {
  const shape = [...(layer.batchInputShape as LayerShape)];
  return flavor === 'keras3'
    ? { batch_shape: shape, dtype: layer.dtype, sparse: false, name: layer.name }
    : { batch_input_shape: shape, dtype: layer.dtype, sparse: false, name: layer.name };
}

/** One layer as Keras JSON: Keras 3's `{ module, class_name, config, registered_name, build_config }`, or `{ class_name, config }` for 'tfjs'. */
export function layerToKerasJSON(layer: Layer, flavor: KerasFlavor = 'keras3'): KerasObjectJSON {
  if (!(layer instanceof Layer)) throw new NeuriteError(`layerToKerasJSON: expected a Layer. Received: ${describeValue(layer)}`);
  if (layer instanceof Model) return nestedModels().write(layer, flavor);
  const className = layer.className;
  const layerTable = LAYER_TABLES[className];
  const builtIn = layerTable !== undefined && getLayerClass(className) === layer.constructor;
  let config: Record<string, unknown>;
  if (layer instanceof InputLayer) config = inputLayerConfig(layer, flavor);
  else if (builtIn) config = writeLayerArgs(layer, layerTable, flavor);
  else config = genericConfig(layer, flavor);
  if (flavor === 'tfjs') return { class_name: className, config };
  const json: KerasObjectJSON = {
    module: builtIn ? 'keras.layers' : null,
    class_name: className,
    config,
    registered_name: builtIn ? null : className,
  };
  const inputShape = layer instanceof InputLayer ? undefined : firstInputShape(layer);
  if (inputShape !== undefined) json.build_config = { input_shape: inputShape };
  return json;
}

setNestedLayerCodec({ read: readLayer, write: layerToKerasJSON });
