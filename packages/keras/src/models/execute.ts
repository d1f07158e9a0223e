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
    const options = { training: node.training ?? training };
    const result: Tensor | Tensor[] = node.inputsAsList ? node.layer.apply(args, options) : node.layer.apply(args[0], options);
    const outs = Array.isArray(result) ? result : [result];
    if (outs.length !== node.outputs.length) {
      throw new NeuriteError(`${owner}: layer '${node.layer.name}' returned ${outs.length} tensor(s), its graph node has ${node.outputs.length}`);
    }
    node.outputs.forEach((t, i) => values.set(t.id, outs[i]));
  }
  return graph.outputs.map((t) => values.get(t.id) as Tensor);
}
