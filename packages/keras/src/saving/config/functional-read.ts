// Rebuilds a functional model as Keras does: create every layer, then replay the recorded calls in file
// order, postponing a call until the tensors it needs exist, until every call has been made.
import { Input, type Layer, type SymbolicTensor } from '@neurite/layers';
import { Model } from '../../models/model.js';
import { isRecord, readError, withContext, type ReadContext } from './context.js';
import { readEndpoints, readInboundNodes, type NodeSpec, type TensorRef } from './inbound-nodes.js';
import { layerClassName, layerEntryName, readInputLayerArgs, readLayer } from './layer-json.js';

interface Entry {
  name: string;
  className: string;
  layer: Layer;
  /** Output tensors of each call made so far, by node index. */
  made: SymbolicTensor[][];
  pending: NodeSpec[];
}

function refName(ref: TensorRef): string {
  return `['${ref.layer}', ${ref.nodeIndex}, ${ref.tensorIndex}]`;
}

export function readFunctional(ctxIn: ReadContext, spec: Record<string, unknown>): Model {
  const config = spec.config;
  const modelName = isRecord(config) && typeof config.name === 'string' ? config.name : undefined;
  const ctx: ReadContext = { ...ctxIn, layer: { name: modelName, className: String(spec.class_name) } };
  if (!isRecord(config) || !Array.isArray(config.layers) || config.input_layers === undefined || config.output_layers === undefined) {
    throw readError(ctx, 'a functional model config needs layers, input_layers and output_layers (a subclassed model cannot be rebuilt from JSON)');
  }
  const entries = new Map<string, Entry>();
  const created: Layer[] = [];
  try {
    for (const raw of config.layers as unknown[]) {
      if (!isRecord(raw)) throw readError(ctx, `a layer entry must be an object. Received: ${JSON.stringify(raw)?.slice(0, 200)}`);
      const name = layerEntryName(raw);
      const className = String(raw.class_name);
      const layerCtx: ReadContext = { ...ctx, layer: { name, className } };
      if (name === undefined) throw readError(layerCtx, 'a functional model layer needs a name');
      if (entries.has(name)) throw readError(layerCtx, `two layers are named '${name}'`);
      if (layerClassName(raw) === 'InputLayer') {
        const input = withContext(layerCtx, () => Input(readInputLayerArgs(layerCtx, (raw.config ?? {}) as Record<string, unknown>)));
        created.push(input.node.layer);
        entries.set(name, { name, className, layer: input.node.layer, made: [[input]], pending: [] });
        continue;
      }
      const layer = readLayer(ctx, raw);
      created.push(layer);
      entries.set(name, { name, className, layer, made: [], pending: readInboundNodes(layerCtx, raw.inbound_nodes) });
    }

    const resolve = (entry: Entry, ref: TensorRef): SymbolicTensor | null => {
      const source = entries.get(ref.layer);
      if (!source) throw readError({ ...ctx, layer: entry }, `an input refers to layer '${ref.layer}', which the file does not list`);
      const outputs = source.made[ref.nodeIndex];
      if (!outputs) return null;
      const tensor = outputs[ref.tensorIndex];
      if (!tensor) throw readError({ ...ctx, layer: entry }, `input ${refName(ref)}: call ${ref.nodeIndex} of '${ref.layer}' has ${outputs.length} output(s)`);
      return tensor;
    };

    // Each round makes every call whose inputs exist; a round that makes none means a reference never resolves.
    for (;;) {
      let progress = false;
      for (const entry of entries.values()) {
        while (entry.pending.length > 0) {
          const node = entry.pending[0];
          const inputs = node.inputs.map((ref) => resolve(entry, ref));
          if (inputs.some((t) => t === null)) break;
          const tensors = inputs as SymbolicTensor[];
          const options = node.training === undefined ? {} : { training: node.training };
          const out: SymbolicTensor | SymbolicTensor[] = withContext({ ...ctx, layer: entry }, () =>
            node.asList ? entry.layer.apply(tensors, options) : entry.layer.apply(tensors[0], options),
          );
          entry.made.push(Array.isArray(out) ? out : [out]);
          entry.pending.shift();
          progress = true;
        }
      }
      const blocked = [...entries.values()].find((e) => e.pending.length > 0);
      if (!blocked) break;
      if (!progress) {
        const missing = blocked.pending[0].inputs.find((ref) => resolve(blocked, ref) === null) as TensorRef;
        throw readError({ ...ctx, layer: blocked }, `call ${blocked.made.length} needs ${refName(missing)}, which no call in the file makes`);
      }
    }

    const endpoint = (what: string) => (ref: TensorRef): SymbolicTensor => {
      const entry = entries.get(ref.layer);
      const tensor = entry?.made[ref.nodeIndex]?.[ref.tensorIndex];
      if (!tensor) throw readError(ctx, `${what} ${refName(ref)} names no tensor the model makes`);
      return tensor;
    };
    const inputs = readEndpoints(ctx, config.input_layers, 'input_layers').map(endpoint('input_layers'));
    const outputs = readEndpoints(ctx, config.output_layers, 'output_layers').map(endpoint('output_layers'));
    const model = withContext(ctx, () => new Model({ inputs, outputs, name: modelName }));
    if (config.trainable === false) model.trainable = false;
    return model;
  } catch (error) {
    for (const layer of created) layer.dispose();
    throw error;
  }
}
