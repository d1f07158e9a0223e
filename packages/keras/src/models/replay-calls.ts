// Rebuilding a functional graph from its recorded calls, as Keras does: every layer first, then each
// call once the tensors it needs exist, until every call is made. Model.fromConfig and the file readers
// both rebuild graphs this way; they differ only in where the layers and calls come from and in how an
// error is worded.
import type { CallOptions, Layer, SymbolicTensor } from '@neurite/layers';

/** A tensor made by call `nodeIndex` of layer `layer` (its output `tensorIndex`). */
export interface TensorRef {
  layer: string;
  nodeIndex: number;
  tensorIndex: number;
}

/** One recorded call of a layer. */
export interface CallSpec {
  inputs: TensorRef[];
  /** Called with a list (even of one tensor) rather than a single tensor. */
  asList: boolean;
  /** `training` fixed at call time. */
  training?: boolean;
  /** The layer's own call options (MultiHeadAttention's useCausalMask). */
  callArgs?: Record<string, unknown>;
}

/** A layer of the graph being rebuilt: its calls made so far (outputs by node index) and those still to make. */
export interface GraphEntry {
  name: string;
  layer: Layer;
  made: SymbolicTensor[][];
  pending: CallSpec[];
}

/** How a caller words what can go wrong, and runs each call (to add its context to a layer's error). */
export interface ReplayHooks {
  unknownLayer(entry: GraphEntry, ref: TensorRef): Error;
  noSuchOutput(entry: GraphEntry, ref: TensorRef, outputs: number): Error;
  neverMade(entry: GraphEntry, ref: TensorRef): Error;
  call<T>(entry: GraphEntry, run: () => T): T;
}

export function refName(ref: TensorRef): string {
  return `['${ref.layer}', ${ref.nodeIndex}, ${ref.tensorIndex}]`;
}

/** The tensor `ref` names, once made; undefined when no such call or output was made. */
export function tensorAt(entries: ReadonlyMap<string, GraphEntry>, ref: TensorRef): SymbolicTensor | undefined {
  return entries.get(ref.layer)?.made[ref.nodeIndex]?.[ref.tensorIndex];
}

/** Makes every pending call of `entries`, each as soon as its inputs exist (rounds in entry order). */
export function replayCalls(entries: ReadonlyMap<string, GraphEntry>, hooks: ReplayHooks): void {
  const resolve = (entry: GraphEntry, ref: TensorRef): SymbolicTensor | null => {
    const source = entries.get(ref.layer);
    if (!source) throw hooks.unknownLayer(entry, ref);
    const outputs = source.made[ref.nodeIndex];
    if (!outputs) return null;
    const tensor = outputs[ref.tensorIndex];
    if (!tensor) throw hooks.noSuchOutput(entry, ref, outputs.length);
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
        const options: CallOptions = { ...node.callArgs, ...(node.training === undefined ? {} : { training: node.training }) };
        const out: SymbolicTensor | SymbolicTensor[] = hooks.call(entry, () =>
          node.asList ? entry.layer.apply(tensors, options) : entry.layer.apply(tensors[0], options),
        );
        entry.made.push(Array.isArray(out) ? out : [out]);
        entry.pending.shift();
        progress = true;
      }
    }
    const blocked = [...entries.values()].find((e) => e.pending.length > 0);
    if (!blocked) return;
    if (!progress) throw hooks.neverMade(blocked, blocked.pending[0].inputs.find((ref) => resolve(blocked, ref) === null) as TensorRef);
  }
}
