// One layer's Keras config <-> Neurite constructor args, through the key tables.
import { NeuriteError } from '@neurite/tensor';
import type { Layer } from '@neurite/layers';
import { readError, type ReadContext } from './context.js';
import { tolerateUnknownKey } from './lenient.js';
import { nestedLayers } from './nested-layers.js';
import { readDType, writeDType } from './dtype-policy.js';
import type { KerasFlavor } from './flavor.js';
import { BASE_KEYS, type KeyRule, type LayerTable, type ValueKind } from './layer-table.js';
import {
  readActivation, readConstraint, readInitializer, readRegularizer, writeActivation, writeConstraint, writeInitializer,
  writeRegularizer,
} from './nested-objects.js';

const DATA_FORMATS: Record<string, string> = {
  channels_last: 'channelsLast',
  channels_first: 'channelsFirst',
  channelsLast: 'channelsLast',
  channelsFirst: 'channelsFirst',
};

function readValue(ctx: ReadContext, key: string, kind: ValueKind, value: unknown): unknown {
  switch (kind) {
    case 'plain':
      return value;
    case 'nullIsDefault':
      return value === null ? undefined : value;
    case 'layer':
      return nestedLayers().read({ ...ctx, layer: undefined }, value);
    case 'dataFormat':
      if (value == null) return undefined; // Keras 2: null is the default, channels_last
      if (typeof value !== 'string' || !DATA_FORMATS[value]) {
        throw readError(ctx, `${key} must be 'channels_last' or 'channels_first'. Received: ${key}=${JSON.stringify(value)}`);
      }
      return DATA_FORMATS[value];
    case 'activation':
      return readActivation(ctx, key, value);
    case 'initializer':
      return readInitializer(ctx, key, value);
    case 'regularizer':
      return readRegularizer(ctx, key, value);
    case 'constraint':
      return readConstraint(ctx, key, value);
    case 'dtype':
      return readDType(ctx, value);
    case 'singleAxis':
      if (Array.isArray(value)) {
        if (value.length !== 1) throw readError(ctx, `${key}: normalizing over several axes is not supported. Received: ${key}=${JSON.stringify(value)}`);
        return value[0];
      }
      return value;
  }
}

/** Keras config (snake_case) -> Neurite args (camelCase), for a class with a key table. */
export function readLayerArgs(ctx: ReadContext, className: string, layerTable: LayerTable<unknown>, config: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const rule = (layerTable.keys[key] ?? (BASE_KEYS.keys as Record<string, KeyRule<unknown>>)[key]) as KeyRule<unknown> | undefined;
    if (rule) {
      const converted = readValue(ctx, key, rule.kind ?? 'plain', value);
      if (converted !== undefined) args[rule.arg] = converted;
      continue;
    }
    const neutral = layerTable.ignored?.[key];
    if (neutral) {
      if (neutral.values && !neutral.values.some((v) => v === value)) {
        throw readError(ctx, `config key '${key}' = ${JSON.stringify(value)} is not supported (${neutral.why}); Neurite reads only ${neutral.values.map((v) => JSON.stringify(v)).join(' or ')}`);
      }
      continue;
    }
    // Most likely a newer Keras's bookkeeping: ignored at a neutral value (one warning per class and key), refused otherwise.
    tolerateUnknownKey(ctx, className, key, value);
  }
  return args;
}

function writeValue(kind: ValueKind, value: unknown, flavor: KerasFlavor, layer: Layer, rule: KeyRule<unknown>): unknown {
  switch (kind) {
    case 'layer': {
      const held = layer.sublayers.find((s) => s.key === rule.sublayer);
      if (!held) throw new NeuriteError(`${layer.name} (${layer.className}): holds no '${rule.sublayer}' layer to write`);
      const json = nestedLayers().write(held.layer, flavor);
      // The holder's config may name it otherwise (Bidirectional writes its layer without the forward_ prefix).
      const name = (value as { config?: { name?: unknown } } | null)?.config?.name;
      if (typeof name === 'string' && json.config && typeof json.config === 'object') (json.config as Record<string, unknown>).name = name;
      return json;
    }
    case 'dataFormat':
      return value === 'channelsFirst' ? 'channels_first' : 'channels_last';
    case 'activation':
      return writeActivation(value as string, flavor, layer.name);
    case 'initializer':
      return writeInitializer(value, flavor);
    case 'regularizer':
      return writeRegularizer(value, flavor);
    case 'constraint':
      return writeConstraint(value, flavor);
    case 'dtype':
      return writeDType(value as string, flavor);
    default:
      return Array.isArray(value) ? structuredClone(value) : value;
  }
}

/** Neurite args (a layer's getConfig) -> Keras config, for a class with a key table. */
export function writeLayerArgs(layer: Layer, layerTable: LayerTable<unknown>, flavor: KerasFlavor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rules = [...Object.entries(layerTable.keys), ...Object.entries(BASE_KEYS.keys as Record<string, KeyRule<unknown>>)];
  for (const [arg, value] of Object.entries(layer.getConfig())) {
    const matching = rules.filter(([, rule]) => rule.arg === arg);
    if (matching.length === 0) {
      throw new NeuriteError(`${layer.name} (${layer.className}): config key '${arg}' has no Keras equivalent, so the layer cannot be saved in Keras's format`);
    }
    const entry = matching.find(([, rule]) => !rule.writtenIn || rule.writtenIn.includes(flavor));
    if (!entry) continue;
    const [key, rule] = entry;
    if ('omitWhen' in rule && rule.omitWhen === value) continue;
    if (value === undefined) continue;
    out[key] = writeValue(rule.kind ?? 'plain', value, flavor, layer, rule);
  }
  return out;
}

