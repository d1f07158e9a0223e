import { NeuriteError, checkKeys, describeValue } from '@neurite/tensor';
import { Input, InputLayer, Layer, SymbolicTensor, type LayerConfig, type LayerShape } from '@neurite/layers';
import { deserializeLayer, registerLayer, serializeLayer } from '@neurite/layers';
import { buildTopology } from './graph.js';
import { Model } from './model.js';

export interface SequentialArgs {
  /** Layers to add in order (an `InputLayer` or `Input(...)` first fixes the input shape). */
  layers?: (Layer | SymbolicTensor)[];
  name?: string;
  trainable?: boolean;
}

/**
 * Keras's `Sequential`: a plain stack of single-input, single-output layers. The input shape comes from
 * an `InputLayer` / `Input` added first or from the first layer's `inputShape` / `batchInputShape`;
 * without one the model is built on its first call or `fit`, from the data's shape.
 */
export class Sequential extends Model {
  static override className = 'Sequential';

  private readonly stack: Layer[] = [];
  private input: SymbolicTensor | null = null;

  constructor(args: SequentialArgs = {}) {
    if (args == null || typeof args !== 'object') {
      throw new NeuriteError(`Sequential: expected { layers?, name? }. Received: ${describeValue(args)}`);
    }
    checkKeys('Sequential', args, ['layers', 'name', 'trainable']);
    super({ inputs: [], outputs: [], name: args.name, trainable: args.trainable });
    if (args.layers !== undefined) {
      if (!Array.isArray(args.layers)) throw new NeuriteError(`Sequential: layers must be an array. Received: layers=${describeValue(args.layers)}`);
      args.layers.forEach((layer, i) => {
        if (!(layer instanceof Layer) && !(layer instanceof SymbolicTensor)) {
          throw new NeuriteError(`Sequential: layers[${i}] must be a Layer (or, first, Input(...)). Received: layers[${i}]=${describeValue(layer)}`);
        }
        this.add(layer);
      });
    }
    if (args.trainable === false) this.trainable = false;
  }

  /** Appends a layer (or, first, an `InputLayer` / `Input(...)` that fixes the input shape). */
  add(layer: Layer | SymbolicTensor): void {
    if (layer instanceof SymbolicTensor) {
      if (!(layer.node.layer instanceof InputLayer) || layer.node.inputs.length > 0) {
        throw new NeuriteError(`Sequential.add: a SymbolicTensor must come straight from Input(...). Received: ${layer}`);
      }
      this.setInput(layer);
      return;
    }
    if (!(layer instanceof Layer)) {
      throw new NeuriteError(`Sequential.add: expected a Layer. Received: ${describeValue(layer)}`);
    }
    if (layer instanceof InputLayer) {
      const node = layer.inboundNodes.find((n) => n.inputs.length === 0);
      this.setInput(node ? node.outputs[0] : Input({ batchShape: [...(layer.batchInputShape as LayerShape)], dtype: layer.dtype, name: undefined }));
      return;
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new NeuriteError(`Sequential.add: every layer must have a unique name; '${layer.name}' is already in ${this.name}`);
    }
    if (this.stack.length === 0 && !this.input && layer.batchInputShape) {
      this.input = Input({ batchShape: [...layer.batchInputShape] });
    }
    this.stack.push(layer);
    try {
      if (this.input) this.rebuild();
    } catch (error) {
      this.stack.pop();
      if (this.stack.length > 0) this.rebuild();
      throw error;
    }
  }

  /** Removes the last layer. */
  pop(): void {
    if (this.stack.length === 0) throw new NeuriteError(`Sequential.pop: ${this.name} has no layers`);
    this.stack.pop();
    if (this.input) this.rebuild();
  }

  private setInput(input: SymbolicTensor): void {
    if (this.stack.length > 0 || this.input) {
      throw new NeuriteError(`Sequential.add: an input (InputLayer / Input) can only be added first, to an empty ${this.name}`);
    }
    this.input = input;
    this.rebuild();
  }

  /** Chains the layers on the input symbolically, checking that each gives a single output. */
  private rebuild(): void {
    const input = this.input as SymbolicTensor;
    let x = input;
    for (const layer of this.stack) {
      const out: SymbolicTensor | SymbolicTensor[] = layer.apply(x);
      if (Array.isArray(out)) {
        throw new NeuriteError(`Sequential: every layer must have a single output; '${layer.name}' has ${out.length}`);
      }
      x = out;
    }
    if (this.stack.length === 0) {
      this.graph = null;
      this.built = false;
      return;
    }
    this.setGraph(buildTopology(this.className, [input], [x]));
  }

  /** Deferred build: the input shape is the data's, with any batch size. */
  override build(inputShape: LayerShape | LayerShape[]): void {
    if (this.graph) return;
    if (this.stack.length === 0) throw new NeuriteError(`Sequential: ${this.name} has no layers to build`);
    const shape = Array.isArray(inputShape[0]) ? (inputShape as LayerShape[]) : [inputShape as LayerShape];
    if (shape.length !== 1) throw new NeuriteError(`Sequential: expected one input. Received: ${shape.length} input shapes`);
    this.input = Input({ batchShape: [null, ...shape[0].slice(1)] });
    this.rebuild();
  }

  /** The added layers (without the InputLayer), in order. */
  override get layers(): Layer[] {
    return [...this.stack];
  }

  override get outputNames(): string[] {
    if (this.graph) return super.outputNames;
    return this.stack.length > 0 ? [this.stack[this.stack.length - 1].name] : [];
  }

  protected override showsConnections(): boolean {
    return false;
  }

  override getConfig(): LayerConfig {
    const config: LayerConfig = { name: this.name, trainable: this.trainable, layers: this.stack.map((l) => serializeLayer(l)) };
    if (this.input) config.batchInputShape = [...this.input.shape];
    return config;
  }

  /** Rebuilds a Sequential from `getConfig()`'s output (fresh weights). */
  static override fromConfig<L extends Layer>(this: new (args: any) => L, config: LayerConfig): L {
    const layers = ((config.layers as unknown[]) ?? []).map((c) => deserializeLayer(c as never));
    const batchShape = config.batchInputShape as LayerShape | undefined;
    const items: (Layer | SymbolicTensor)[] = batchShape ? [Input({ batchShape }), ...layers] : layers;
    return new this({ name: config.name, trainable: config.trainable, layers: items });
  }
}

registerLayer(Sequential);
