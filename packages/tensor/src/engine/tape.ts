import type { Tensor } from '../tensor.js';
import type { DType, Shape } from '../types.js';
import { NeuriteError } from '../util/errors.js';
import { shapesEqual, sizeFromShape } from '../util/shape.js';
import type { Engine } from './engine.js';
import type { Attrs, StoredGradFunc } from './kernel-registry.js';

/** One kernel execution as the tape remembers it: ids for the graph, its own handles for the values. */
export interface TapeNode {
  kernelName: string;
  inputIds: number[];
  inputMeta: { shape: Shape; dtype: DType }[];
  /** Saved inputs (for `customGrad`: the tensors it chose to save). */
  inputs: Tensor[];
  outputIds: number[];
  outputs: Tensor[];
  attrs: Attrs;
  gradFunc: StoredGradFunc | undefined;
}

export class Tape {
  readonly nodes: TapeNode[] = [];

  /** Walks the tape backwards from `y`, only through nodes that lie on a path from some `x` to `y`. */
  backprop(engine: Engine, y: Tensor, xs: readonly Tensor[], dy: Tensor | null): Tensor[] {
    const onPath = this.nodesOnPath(y, xs);
    const grads = new Map<number, Tensor>();
    grads.set(y.id, dy ?? filled(engine, y.shape, 1));
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      if (!onPath[i]) continue;
      const node = this.nodes[i];
      // an output that is not float32 (Dropout's mask bits) carries no gradient: a scalar zero stands in
      const dys = node.outputIds.map((id, j) =>
        grads.get(id) ?? filled(engine, node.outputs[j].dtype === 'float32' ? node.outputs[j].shape : [], 0));
      if (!node.gradFunc) {
        throw new NeuriteError(`grad: no gradient is registered for kernel '${node.kernelName}'`);
      }
      const inputGrads = node.gradFunc(dys, { inputs: node.inputs, outputs: node.outputs }, node.attrs);
      node.inputIds.forEach((id, j) => {
        const g = inputGrads[j];
        const meta = node.inputMeta[j];
        if (g == null || meta.dtype !== 'float32') return;
        if (!shapesEqual(g.shape, meta.shape)) {
          throw new NeuriteError(
            `grad: the gradient of kernel '${node.kernelName}' for input ${j} has shape [${g.shape}], expected [${meta.shape}]`,
          );
        }
        const prev = grads.get(id);
        grads.set(id, prev ? engine.runKernel('Add', [prev, g]) : g);
      });
    }
    return xs.map((x) => grads.get(x.id) ?? filled(engine, x.shape, 0));
  }

  private nodesOnPath(y: Tensor, xs: readonly Tensor[]): boolean[] {
    const fromX = new Set(xs.map((x) => x.id));
    const reachable = this.nodes.map((node) => {
      const hit = node.inputIds.some((id) => fromX.has(id));
      if (hit) node.outputIds.forEach((id) => fromX.add(id));
      return hit;
    });
    const toY = new Set([y.id]);
    const onPath = new Array<boolean>(this.nodes.length).fill(false);
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i];
      if (reachable[i] && node.outputIds.some((id) => toY.has(id))) {
        onPath[i] = true;
        node.inputIds.forEach((id) => toY.add(id));
      }
    }
    return onPath;
  }

  dispose(release: (t: Tensor) => void): void {
    for (const node of this.nodes) {
      node.inputs.forEach(release);
      node.outputs.forEach(release);
    }
    this.nodes.length = 0;
  }
}

function filled(engine: Engine, shape: Shape, value: number): Tensor {
  return engine.makeTensor(new Float32Array(sizeFromShape(shape)).fill(value), shape, 'float32');
}
