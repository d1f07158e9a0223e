import { NeuriteError, Tensor, describeValue } from '@neurite/tensor';
import type { GraphTopology } from './graph.js';

/**
 * Runs a functional graph on concrete tensors: each input goes through its InputLayer (which checks the
 * shape and casts), then every node's layer is applied to the tensors its symbolic inputs stand for.
 * A node called with a fixed `training` keeps it. Intermediates are left to the caller's `tidy`.
 */
export function executeGraph(owner: string, graph: GraphTopology, inputs: Tensor[], training: boolean): Tensor[] {
  if (inputs.length !== graph.inputs.length) {
    throw new NeuriteError(
      `${owner}: expected ${graph.inputs.length} input tensor(s) (${graph.inputs.map((t) => t.name).join(', ')}), received ${inputs.length}`,
    );
  }
  const values = new Map<number, Tensor>();
  // Keras's masks: what each layer's computeMask gives travels with its outputs to the layers downstream.
  const masks = new Map<number, Tensor | null>();
  graph.inputs.forEach((symbolic, i) => {
    const x = inputs[i];
    if (!(x instanceof Tensor)) throw new NeuriteError(`${owner}: input ${i} must be a Tensor. Received: ${describeValue(x)}`);
    values.set(symbolic.id, symbolic.node.layer.apply(x, { training }));
  });
  for (const node of graph.nodes) {
    if (node.inputs.length === 0) continue; // input nodes were fed above
    const args = node.inputs.map((t) => {
      const v = values.get(t.id);
      if (!v) throw new NeuriteError(`${owner}: internal error: no value for ${t} before layer '${node.layer.name}'`);
      return v;
    });
    // A single input's mask goes to the layer as `mask`; a layer taking a list gets each input's as `inputMasks`.
    const mask = node.inputsAsList ? null : (masks.get(node.inputs[0].id) ?? null);
    const listed = node.inputsAsList ? node.inputs.map((t) => masks.get(t.id) ?? null) : null;
    const inputMasks = listed && listed.some((m) => m !== null) ? listed : null;
    const options = { ...node.callArgs, training: node.training ?? training, mask, inputMasks };
    const result: Tensor | Tensor[] = node.inputsAsList ? node.layer.apply(args, options) : node.layer.apply(args[0], options);
    const outs = Array.isArray(result) ? result : [result];
    if (outs.length !== node.outputs.length) {
      throw new NeuriteError(`${owner}: layer '${node.layer.name}' returned ${outs.length} tensor(s), its graph node has ${node.outputs.length}`);
    }
    const outMask = node.layer.computeMask(node.inputsAsList ? args : args[0], mask, inputMasks);
    node.outputs.forEach((t, i) => {
      values.set(t.id, outs[i]);
      masks.set(t.id, Array.isArray(outMask) ? (outMask[i] ?? null) : i === 0 ? outMask : null);
    });
  }
  return graph.outputs.map((t) => values.get(t.id) as Tensor);
}
