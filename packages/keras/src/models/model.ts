import { NeuriteError, checkKeys, Tensor, tidy, describeValue } from '@neurite/tensor';
import { Layer, RNN, registerLayer, type CallOptions, type LayerConfig, type LayerNode, type LayerShape, type LayerWeight, type SymbolicTensor } from '@neurite/layers';
import type { TrainingModel } from '../callbacks/callback.js';
import type { OptimizerLike } from '../optimizers/optimizer.js';
import { compileModel, type CompileArgs, type CompiledState } from '../training/compile.js';
import { evaluateModel, type EvaluateArgs } from '../training/evaluate.js';
import { fitModel, type FitArgs } from '../training/fit.js';
import type { History } from '../callbacks/index.js';
import { predictModel, type PredictArgs } from '../training/predict.js';
import { testOnBatch, trainOnBatch } from '../training/on-batch.js';
import type { ModelData } from '../training/data.js';
import { executeGraph } from './execute.js';
import { functionalConfig, functionalGraphFromConfig } from './functional-config.js';
import { buildTopology, type GraphTopology } from './graph.js';
import { summaryLines } from './summary.js';

export interface ModelArgs {
  /** The model's `Input`s (one, or a list for several inputs). */
  inputs: SymbolicTensor | SymbolicTensor[];
  /** The symbolic tensors the model returns (one, or a list for several outputs). */
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
  trainable?: boolean;
}

/**
 * Keras's functional `Model`: a graph of layer calls from `Input`s to outputs, run by mapping each symbolic
 * tensor to a concrete one. It is itself a layer (it can be called on tensors or symbolic tensors) and
 * trains with `compile` / `fit` / `evaluate` / `predict`.
 */
export class Model extends Layer implements TrainingModel {
  static override className = 'Functional';

  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end `fit` after the current batch. */
  stopTraining = false;
  /** @internal The graph; null until a deferred Sequential sees its input shape. */
  protected graph: GraphTopology | null = null;
  /** @internal What `compile` resolved: optimizer, per-output losses and metrics. */
  compiled: CompiledState | null = null;

  constructor(args: ModelArgs) {
    if (args == null || typeof args !== 'object') {
      throw new NeuriteError(`Model: expected { inputs, outputs, name? }. Received: ${describeValue(args)}`);
    }
    if (new.target === Model) checkKeys('Model', args, ['inputs', 'outputs', 'name', 'trainable']);
    super({ name: args.name, trainable: args.trainable });
    // Sequential passes empty lists: its graph grows as layers are added.
    const subclassDefers = new.target !== Model && Array.isArray(args.inputs) && args.inputs.length === 0;
    if (!subclassDefers) {
      this.setGraph(buildTopology(this.className, args.inputs, args.outputs));
      if (args.trainable === false) this.trainable = false;
    }
  }

  /** @internal Installs the graph (Sequential calls this again as layers are added). */
  protected setGraph(graph: GraphTopology): void {
    this.graph = graph;
    this.built = true;
  }

  /** The optimizer given to `compile` (null before). */
  get optimizer(): OptimizerLike | null {
    return this.compiled?.optimizer ?? null;
  }

  /** The model's input placeholders. */
  get inputs(): SymbolicTensor[] {
    return this.graph ? [...this.graph.inputs] : [];
  }

  /** The model's output placeholders. */
  get outputs(): SymbolicTensor[] {
    return this.graph ? [...this.graph.outputs] : [];
  }

  get inputNames(): string[] {
    return this.inputs.map((t) => t.name);
  }

  /** Names of the outputs (the producing layers' names): the keys of per-output losses, metrics and logs. */
  get outputNames(): string[] {
    return this.outputs.map((t) => t.name);
  }

  /** The layers, in execution order, each once (functional models include their InputLayers). */
  get layers(): Layer[] {
    return this.graph ? [...this.graph.layers] : [];
  }

  /** A layer by name or by index in `layers`. */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    const found = typeof nameOrIndex === 'number' ? layers[nameOrIndex] : layers.find((l) => l.name === nameOrIndex);
    if (!found) {
      throw new NeuriteError(`${this.className}.getLayer: no layer ${JSON.stringify(nameOrIndex)}; layers: [${layers.map((l) => l.name).join(', ')}]`);
    }
    return found;
  }

  /** @internal The calls of `layer` in this model's graph. */
  nodesOf(layer: Layer): LayerNode[] {
    return this.graph ? this.graph.nodes.filter((n) => n.layer === layer) : [];
  }

  /** Whether training updates the weights. Freezing a model freezes every layer in it (and unfreezing unfreezes them). */
  override get trainable(): boolean {
    return super.trainable;
  }

  override set trainable(value: boolean) {
    super.trainable = value;
    for (const layer of this.layers) layer.trainable = value;
  }

  /** Every weight of every layer, each once (shared layers and nested models are not counted twice). */
  override get weights(): LayerWeight[] {
    const seen = new Set<unknown>();
    const out: LayerWeight[] = [];
    for (const layer of this.layers) {
      for (const w of layer.weights) {
        if (seen.has(w.variable)) continue;
        seen.add(w.variable);
        out.push(w);
      }
    }
    return out;
  }

  override get trainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => w.variable.trainable);
  }

  override get nonTrainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => !w.variable.trainable);
  }

  /** Every layer's regularization losses (weight penalties and the last call's activity penalties). */
  override get losses(): Tensor[] {
    return this.layers.flatMap((l) => l.losses);
  }

  override getWeights(): Tensor[] {
    this.assertNotDisposed('give its weights');
    return this.weights.map((w) => w.variable.clone());
  }

  /** Replaces every weight's value, in `weights` order; the error names the weight and both shapes. */
  override setWeights(values: Tensor[]): void {
    this.assertNotDisposed('take new weights');
    const weights = this.weights;
    if (!Array.isArray(values) || values.length !== weights.length) {
      throw new NeuriteError(`${this.name}: setWeights expected ${weights.length} tensors. Received: ${Array.isArray(values) ? values.length : String(values)}`);
    }
    values.forEach((v, i) => {
      const w = weights[i];
      if (!(v instanceof Tensor) || v.shape.length !== w.shape.length || v.shape.some((d, j) => d !== w.shape[j])) {
        throw new NeuriteError(
          `${this.name}: weight '${w.path}' has shape [${w.shape.join(', ')}], the value given has ${v instanceof Tensor ? `[${v.shape.join(', ')}]` : String(v)}`,
        );
      }
    });
    values.forEach((v, i) => {
      const dtype = weights[i].variable.dtype;
      if (v.dtype === dtype) return weights[i].assign(v);
      const cast = tidy(() => v.cast(dtype));
      weights[i].assign(cast);
      cast.dispose();
    });
  }

  override countParams(): number {
    return this.weights.reduce((n, w) => n + w.variable.size, 0);
  }

  /** A functional model's graph is fixed at construction, so there is nothing to build. */
  override build(inputShape: LayerShape | LayerShape[]): void {
    void inputShape;
    this.built = true;
  }

  /** Runs the graph (on one tensor or a list, one per input); a list back for several outputs. */
  call(inputs: Tensor | Tensor[], options: Required<CallOptions>): Tensor | Tensor[] {
    const outs = this.forward(Array.isArray(inputs) ? inputs : [inputs], options.training);
    return outs.length === 1 ? outs[0] : outs;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape | LayerShape[] {
    void inputShape;
    const shapes = this.outputs.map((t) => [...t.shape]);
    return shapes.length === 1 ? shapes[0] : shapes;
  }

  /** @internal Builds a deferred model (Sequential without an input shape) from the data's shapes. */
  ensureBuilt(inputs: Tensor[]): void {
    if (this.graph) return;
    const shapes = inputs.map((t) => (t instanceof Tensor ? [...t.shape] : []) as LayerShape);
    this.build(shapes.length === 1 ? shapes[0] : shapes);
  }

  /** @internal Runs the graph on one tensor per input (building a deferred model first). */
  forward(inputs: Tensor[], training: boolean): Tensor[] {
    this.ensureBuilt(inputs);
    return executeGraph(this.name, this.graph as GraphTopology, inputs, training);
  }

  /** @internal Whether the summary needs a `Connected to` column: anything but a single chain. */
  protected isChain(): boolean {
    const g = this.graph;
    if (!g || g.inputs.length !== 1 || g.outputs.length !== 1) return false;
    const body = g.nodes.filter((n) => n.inputs.length > 0);
    let previous = g.inputs[0];
    for (const node of body) {
      if (node.inputs.length !== 1 || node.outputs.length !== 1 || node.inputs[0] !== previous) return false;
      previous = node.outputs[0];
    }
    return previous === g.outputs[0];
  }

  /** @internal Functional models that are not a plain chain show a `Connected to` column. */
  protected showsConnections(): boolean {
    return !this.isChain();
  }

  /** @internal The layers the summary lists. */
  protected summaryLayers(): Layer[] {
    return this.layers;
  }

  /** Prints Keras's summary table (one call of `printFn` per line; console.log by default). */
  summary(printFn: (line: string) => void = console.log): void {
    for (const line of this.summaryText()) printFn(line);
  }

  /** The summary's lines, as `summary` prints them. */
  summaryText(): string[] {
    return summaryLines({
      name: this.name,
      layers: this.summaryLayers(),
      nodesOf: (layer) => this.nodesOf(layer),
      showConnections: this.showsConnections(),
      trainableWeights: this.trainableWeights,
      nonTrainableWeights: this.nonTrainableWeights,
    });
  }

  /**
   * Zeroes the carried states of every stateful recurrent layer in the model (Keras's `reset_states`),
   * held ones (inside Bidirectional or a nested model) included.
   */
  resetStates(): void {
    this.assertNotDisposed('reset its states');
    const visit = (layer: Layer): void => {
      if (layer instanceof Model) layer.layers.forEach(visit);
      else {
        if (layer instanceof RNN && layer.stateful) layer.resetStates();
        layer.sublayers.forEach((s) => visit(s.layer));
      }
    };
    this.layers.forEach(visit);
  }

  /** Sets the optimizer, the loss(es) and the metrics for `fit` / `evaluate`. */
  compile(args: CompileArgs): void {
    this.assertNotDisposed('be compiled');
    const previous = this.compiled;
    this.compiled = compileModel(this, args);
    // An optimizer made here from a name belongs to the model: free its slots when it is replaced.
    if (previous?.ownsOptimizer && previous.optimizer !== this.compiled.optimizer) previous.optimizer.dispose();
  }

  /** Trains for `epochs` epochs; resolves to the History of per-epoch logs. */
  async fit(x: ModelData, y: ModelData, args: FitArgs = {}): Promise<History> {
    this.assertNotDisposed('train');
    return fitModel(this, x, y, args);
  }

  /** The loss (and metrics) on the data, with training off: a number, or a record when there are metrics. */
  async evaluate(x: ModelData, y: ModelData, args: EvaluateArgs = {}): Promise<number | Record<string, number>> {
    this.assertNotDisposed('evaluate');
    return evaluateModel(this, x, y, args);
  }

  /** The outputs for `x`, in batches, with training off (unless `{ training: true }`, for Monte-Carlo dropout). */
  predict(x: ModelData, args: PredictArgs = {}): Tensor | Tensor[] {
    this.assertNotDisposed('predict');
    return predictModel(this, x, args);
  }

  /** The outputs for one batch, with training off. */
  predictOnBatch(x: ModelData): Tensor | Tensor[] {
    this.assertNotDisposed('predict');
    return predictModel(this, x, { batchSize: Number.MAX_SAFE_INTEGER });
  }

  /** One optimizer step on one batch; returns its loss (and metrics, as a record, when there are any). */
  trainOnBatch(x: ModelData, y: ModelData): number | Record<string, number> {
    this.assertNotDisposed('train');
    return trainOnBatch(this, x, y);
  }

  /** The loss (and metrics) on one batch, training off. */
  testOnBatch(x: ModelData, y: ModelData): number | Record<string, number> {
    this.assertNotDisposed('evaluate');
    return testOnBatch(this, x, y);
  }

  /**
   * The model's config in camelCase: its layers (through the layer registry, each with its calls in
   * this model) and its input and output tensors. `Model.fromConfig(model.getConfig())` rebuilds it
   * (with fresh weights).
   */
  override getConfig(): LayerConfig {
    if (!this.graph) return { name: this.name, trainable: this.trainable, layers: [], inputLayers: [], outputLayers: [] };
    return functionalConfig(this) as unknown as LayerConfig;
  }

  /** Rebuilds a functional model from `getConfig()`'s output (fresh weights). */
  static override fromConfig<L extends Layer>(this: new (args: any) => L, config: LayerConfig): L {
    const { name, trainable, inputs, outputs } = functionalGraphFromConfig(config);
    return new this({ name, trainable, inputs, outputs });
  }

  /** Frees every layer's weights and the slots of an optimizer that compile made from a name. */
  override dispose(): void {
    for (const layer of this.layers) layer.dispose();
    if (this.compiled?.ownsOptimizer) this.compiled.optimizer.dispose();
    super.dispose();
  }
}

// Known to deserializeLayer by Keras's class name, so a model nested in a model's config rebuilds too.
registerLayer(Model);
