// The two ways Keras records a layer call in a functional config:
//   Keras 2 / TensorFlow.js: a list of [layer_name, node_index, tensor_index, kwargs] per call;
//   Keras 3: { args: [keras tensor or list of them], kwargs } with each tensor's keras_history.
import type { CallSpec as NodeSpec, TensorRef } from '../../models/replay-calls.js';
import { isRecord, readError, type ReadContext } from './context.js';

export type { NodeSpec, TensorRef };

function checkRef(ctx: ReadContext, raw: unknown): TensorRef {
  const ok =
    Array.isArray(raw) && raw.length >= 3 && typeof raw[0] === 'string' && Number.isInteger(raw[1]) && Number.isInteger(raw[2]);
  if (!ok) throw readError(ctx, `a tensor reference must be [layer_name, node_index, tensor_index]. Received: ${JSON.stringify(raw)}`);
  const [layer, nodeIndex, tensorIndex] = raw as [string, number, number];
  return { layer, nodeIndex, tensorIndex };
}

function isKerasTensor(value: unknown): value is { config: { keras_history: unknown } } {
  return isRecord(value) && value.class_name === '__keras_tensor__' && isRecord(value.config);
}

/** Keras's boolean call options that Neurite layers take, by their Keras name. */
const BOOLEAN_CALL_ARGS: Record<string, string> = { use_causal_mask: 'useCausalMask' };

/** Call options: `training` is kept; an absent mask is fine; anything else would change the call. */
function readKwargs(ctx: ReadContext, kwargs: unknown, node: NodeSpec): void {
  if (kwargs == null) return;
  if (!isRecord(kwargs)) throw readError(ctx, `call kwargs must be an object. Received: ${JSON.stringify(kwargs)}`);
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'training' && typeof value === 'boolean') node.training = value;
    else if (BOOLEAN_CALL_ARGS[key] && typeof value === 'boolean') node.callArgs = { ...node.callArgs, [BOOLEAN_CALL_ARGS[key]]: value };
    else if (key === 'return_attention_scores' && value === false) continue;
    else if (value !== null && !(key === 'training' && value === undefined)) {
      throw readError(ctx, `call argument ${key}=${JSON.stringify(value)?.slice(0, 100)} is not supported (Neurite layers take their inputs and training only)`);
    }
  }
}

function readKeras3Node(ctx: ReadContext, raw: Record<string, unknown>): NodeSpec {
  const args = Array.isArray(raw.args) ? raw.args : [];
  const node: NodeSpec = { inputs: [], asList: false };
  const ref = (t: unknown): TensorRef => {
    if (!isKerasTensor(t)) throw readError(ctx, `call argument ${JSON.stringify(t)?.slice(0, 100)} is not a tensor; only tensor inputs are supported`);
    return checkRef(ctx, t.config.keras_history);
  };
  if (args.length === 1 && Array.isArray(args[0])) {
    node.inputs = args[0].map(ref);
    node.asList = true;
  } else {
    node.inputs = args.map(ref);
    node.asList = args.length > 1;
  }
  if (node.inputs.length === 0) throw readError(ctx, 'a layer call with no tensor inputs');
  readKwargs(ctx, raw.kwargs, node);
  return node;
}

function readKeras2Node(ctx: ReadContext, raw: unknown[]): NodeSpec {
  const node: NodeSpec = { inputs: raw.map((r) => checkRef(ctx, r)), asList: raw.length > 1 };
  if (node.inputs.length === 0) throw readError(ctx, 'a layer call with no inputs');
  // The fourth entry of each reference holds the call's keyword arguments (the same for every input).
  for (const r of raw) readKwargs(ctx, (r as unknown[])[3], node);
  return node;
}

/** A layer entry's `inbound_nodes`, in either form. */
export function readInboundNodes(ctx: ReadContext, raw: unknown): NodeSpec[] {
  if (raw == null) return [];
  if (!Array.isArray(raw)) throw readError(ctx, `inbound_nodes must be a list. Received: ${JSON.stringify(raw).slice(0, 200)}`);
  return raw.map((node) => {
    if (isRecord(node)) return readKeras3Node(ctx, node);
    if (Array.isArray(node)) return readKeras2Node(ctx, node);
    throw readError(ctx, `an inbound node must be a list (Keras 2) or { args, kwargs } (Keras 3). Received: ${JSON.stringify(node).slice(0, 200)}`);
  });
}

/** `input_layers` / `output_layers`: one reference (Keras 3, single tensor), a list, or a dict by name. */
export function readEndpoints(ctx: ReadContext, raw: unknown, what: string): TensorRef[] {
  if (Array.isArray(raw) && typeof raw[0] === 'string') return [checkRef(ctx, raw)];
  if (Array.isArray(raw)) return raw.map((r) => checkRef(ctx, r));
  if (isRecord(raw)) return Object.values(raw).map((r) => checkRef(ctx, r));
  throw readError(ctx, `${what} must list [layer_name, node_index, tensor_index] references. Received: ${JSON.stringify(raw)}`);
}
