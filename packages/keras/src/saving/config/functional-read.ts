// Rebuilds a functional model as Keras does: create every layer, then replay the recorded calls in file
// order, postponing a call until the tensors it needs exist, until every call has been made.
import { Input, type Layer, type SymbolicTensor } from '@neurite/layers';
import { Model } from '../../models/model.js';
import { refName, replayCalls, tensorAt, type GraphEntry, type TensorRef } from '../../models/replay-calls.js';
import { isRecord, readError, withContext, type ReadContext } from './context.js';
import { readEndpoints, readInboundNodes } from './inbound-nodes.js';
import { layerClassName, layerEntryName, readInputLayerArgs, readLayer } from './layer-json.js';

type Entry = GraphEntry & { className: string };

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

    // The calls, replayed as the model's own fromConfig does; only the wording of errors is the file's.
    const at = (entry: GraphEntry): ReadContext => ({ ...ctx, layer: { name: entry.name, className: (entry as Entry).className } });
    replayCalls(entries, {
      unknownLayer: (entry, ref) => readError(at(entry), `an input refers to layer '${ref.layer}', which the file does not list`),
      noSuchOutput: (entry, ref, n) => readError(at(entry), `input ${refName(ref)}: call ${ref.nodeIndex} of '${ref.layer}' has ${n} output(s)`),
      neverMade: (entry, ref) => readError(at(entry), `call ${entry.made.length} needs ${refName(ref)}, which no call in the file makes`),
      call: (entry, run) => withContext(at(entry), run),
    });

    const endpoint = (what: string) => (ref: TensorRef): SymbolicTensor => {
      const tensor = tensorAt(entries, ref);
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
