import { NeuriteError, describeValue } from '@neurite/tensor';
import { InputLayer, LayerNode, SymbolicTensor, type Layer } from '@neurite/layers';

/** A functional model's graph: its layer calls in an order where every call comes after its inputs. */
export interface GraphTopology {
  inputs: SymbolicTensor[];
  outputs: SymbolicTensor[];
  /** Every node reachable from the outputs, inputs' nodes first; deeper (closer to the inputs) first. */
  nodes: LayerNode[];
  /** Layers in the order of their first node, each once (a shared layer has several nodes). */
  layers: Layer[];
}

function isInputNode(node: LayerNode): boolean {
  return node.layer instanceof InputLayer && node.inputs.length === 0;
}

function checkSymbolic(owner: string, arg: string, list: unknown[]): SymbolicTensor[] {
  if (list.length === 0) throw new NeuriteError(`${owner}: ${arg} must hold at least one SymbolicTensor. Received: ${arg}=[]`);
  list.forEach((t, i) => {
    if (!(t instanceof SymbolicTensor)) {
      throw new NeuriteError(`${owner}: ${arg}[${i}] must be a SymbolicTensor (from Input or a layer applied to one). Received: ${arg}[${i}]=${describeValue(t)}`);
    }
  });
  return list as SymbolicTensor[];
}

/**
 * Walks back from `outputs` to `inputs` and orders the layer calls (Keras's depth ordering: a node's depth
 * is one more than the deepest node that consumes its outputs; deeper nodes run first, ties in discovery
 * order). Errors: an input that is not an `Input`, a tensor that cannot be reached from the inputs
 * ("graph disconnected"), two layers with one name.
 */
export function buildTopology(owner: string, inputsArg: unknown, outputsArg: unknown): GraphTopology {
  const inputs = checkSymbolic(owner, 'inputs', Array.isArray(inputsArg) ? inputsArg : [inputsArg]);
  const outputs = checkSymbolic(owner, 'outputs', Array.isArray(outputsArg) ? outputsArg : [outputsArg]);
  inputs.forEach((t, i) => {
    if (!isInputNode(t.node)) {
      throw new NeuriteError(`${owner}: inputs[${i}] must come straight from Input(...); it is the output of layer '${t.node.layer.name}'. Received: ${t}`);
    }
  });
  if (new Set(inputs).size !== inputs.length) throw new NeuriteError(`${owner}: inputs holds the same Input twice`);
  const inputIds = new Set(inputs.map((t) => t.id));

  // Depth-first from the outputs, recording discovery order and checking that every path ends at an input.
  const discovery: LayerNode[] = [];
  const seen = new Set<LayerNode>();
  const visit = (tensor: SymbolicTensor, consumer: string): void => {
    const node = tensor.node;
    if (isInputNode(node) && !inputIds.has(tensor.id)) {
      throw new NeuriteError(
        `${owner}: graph disconnected: cannot obtain the value of ${tensor} (needed by ${consumer}) from the model's inputs [${inputs.map((t) => t.name).join(', ')}]`,
      );
    }
    if (seen.has(node)) return;
    seen.add(node);
    discovery.push(node);
    for (const input of node.inputs) visit(input, `layer '${node.layer.name}'`);
  };
  outputs.forEach((t, i) => visit(t, `outputs[${i}]`));
  for (const t of inputs) {
    if (!seen.has(t.node)) {
      seen.add(t.node);
      discovery.push(t.node); // an unused input still takes its place in the call signature
    }
  }

  // Depth: outputs' producers are 0; a node feeding a node of depth d has depth >= d + 1.
  const depth = new Map<LayerNode, number>(discovery.map((n) => [n, 0]));
  const consumersDone = (): boolean => {
    let changed = false;
    for (const node of discovery) {
      const d = depth.get(node) as number;
      for (const input of node.inputs) {
        if ((depth.get(input.node) as number) < d + 1) {
          depth.set(input.node, d + 1);
          changed = true;
        }
      }
    }
    return changed;
  };
  // The graph is acyclic (a symbolic tensor only exists after its inputs), so this settles in <= |nodes| rounds.
  for (let round = 0; round <= discovery.length && consumersDone(); round++);
  const order = new Map(discovery.map((n, i) => [n, i]));
  const nodes = [...discovery].sort((a, b) => {
    const inputA = isInputNode(a) ? 0 : 1;
    const inputB = isInputNode(b) ? 0 : 1;
    if (inputA !== inputB) return inputA - inputB;
    if (inputA === 0) return inputIndex(inputs, a) - inputIndex(inputs, b);
    return (depth.get(b) as number) - (depth.get(a) as number) || (order.get(a) as number) - (order.get(b) as number);
  });

  const layers: Layer[] = [];
  const names = new Map<string, Layer>();
  for (const node of nodes) {
    if (layers.includes(node.layer)) continue;
    const other = names.get(node.layer.name);
    if (other) {
      throw new NeuriteError(`${owner}: every layer must have a unique name; '${node.layer.name}' is used by a ${other.className} and a ${node.layer.className}`);
    }
    names.set(node.layer.name, node.layer);
    layers.push(node.layer);
  }
  return { inputs, outputs, nodes, layers };
}

function inputIndex(inputs: SymbolicTensor[], node: LayerNode): number {
  return inputs.findIndex((t) => t.node === node);
}
