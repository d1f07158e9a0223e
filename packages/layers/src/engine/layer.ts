import { NeuriteError, Tensor, dispose, keep, readOptionsObject, tidy, type DType, describeValue } from '@neurite/tensor';
import { getRegularizer, serialize, type Regularizer, type RegularizerIdentifier } from '@neurite/regularizers';
import { getConstraint, type ConstraintIdentifier } from '../constraints/constraint.js';
import { chargeWeight } from './weight-budget.js';
import { checkLayerArgs } from './check-layer-args.js';
import { getInitializer, type InitializerIdentifier } from '../initializers/initializer.js';
import { LayerWeight, makeLayerWeight } from './layer-weight.js';
import { toSnakeCase, uniqueName } from './naming.js';
import { describeShape, isShapeList, type LayerShape } from './shape.js';
import { LayerNode, SymbolicTensor } from './symbolic-tensor.js';

export interface LayerArgs {
  /** Unique per process by default: `dense`, `dense_1`, … */
  name?: string;
  trainable?: boolean;
  dtype?: DType;
  /** Shape of one sample (without the batch axis), for a model's first layer. */
  inputShape?: LayerShape;
  /** Shape with the batch axis (`null` = any batch size). */
  batchInputShape?: LayerShape;
  batchSize?: number;
  /** A penalty on the layer's outputs, added to `losses` after each call (divided by the batch size). */
  activityRegularizer?: RegularizerIdentifier | null;
}

/** Every layer's own options (LayerArgs), as keys: the start of each layer class's list of known options. */
const LAYER_ARG_KEYS: Record<keyof LayerArgs, true> = {
  name: true, trainable: true, dtype: true, inputShape: true, batchInputShape: true, batchSize: true, activityRegularizer: true,
};

/**
 * The options a layer class takes beyond LayerArgs, as a record of keys: the compiler checks that it
 * names every key of the class's args (`A`) and nothing else, so the list cannot drift from the type.
 */
export function layerArgKeys<A extends object>(keys: Record<Exclude<keyof A, keyof LayerArgs>, true>): readonly string[] {
  return Object.keys(keys);
}

export interface CallOptions {
  /** Training mode: dropout and noise layers are active only when true. */
  training?: boolean;
  /**
   * Which steps of a sequence are real (Keras's mask, `[batch, steps]` of 0/1 or booleans): recurrent
   * layers skip the others. A model passes the mask a layer's `computeMask` gave down the graph.
   */
  mask?: Tensor | null;
  /** For a layer called on a list: each input's mask (null where it has none), as a model passes them. */
  inputMasks?: (Tensor | null)[] | null;
}

/** A layer held inside another (an RNN's cell, a wrapper's layer), under the key Keras's files use for it. */
export interface Sublayer {
  /** The attribute Keras stores it under: `cell`, `layer`, `forward_layer`, `backward_layer`. */
  readonly key: string;
  readonly layer: Layer;
  /** 'shared': its weights are named under the owner's scope (`lstm/kernel`); 'nested': under `owner/its name/`. */
  readonly scope: 'shared' | 'nested';
}

export interface AddWeightOptions {
  name: string;
  shape: number[];
  dtype?: DType;
  initializer?: InitializerIdentifier;
  regularizer?: Regularizer | null;
  constraint?: ConstraintIdentifier | null;
  trainable?: boolean;
}

export type LayerConfig = Record<string, unknown>;

/** A layer class as a value: what `fromConfig` and the registry need. */
export type LayerClass<L extends Layer = Layer> = (new (args: any) => L) & { className: string };

/**
 * The base of every layer. The constructor validates and stores the configuration; `build` creates the
 * weights (lazily, on the first `apply`, when the input shape is known); `call` computes; `getConfig`
 * returns what the constructor needs to rebuild an equal layer.
 */
export abstract class Layer {
  /** Keras's class name (`Dense`); subclasses set it. */
  static className: string;

  readonly name: string;
  readonly dtype: DType;
  readonly batchInputShape: LayerShape | null;
  readonly activityRegularizer: Regularizer | null;
  built = false;
  private _trainable: boolean;
  private readonly _weights: LayerWeight[] = [];
  private activityLoss: Tensor | null = null;
  private readonly _sublayers: Sublayer[] = [];
  private owner: { layer: Layer; scope: 'shared' | 'nested' } | null = null;
  /** Whether the layer passes a sequence mask through unchanged (`computeMask`'s default). */
  supportsMasking = false;

  /**
   * The options this class takes beyond LayerArgs (see `layerArgKeys`). A class that declares it rejects
   * any other key with an error (a misspelt or Python-style option is never silently ignored); a custom
   * layer class that does not declare it is not checked.
   */
  static argKeys?: readonly string[];

  constructor(args: LayerArgs = {}) {
    const cls = this.constructor as typeof Layer;
    if (Object.prototype.hasOwnProperty.call(cls, 'argKeys')) {
      readOptionsObject(cls.className, args, [...(cls.argKeys as readonly string[]), ...Object.keys(LAYER_ARG_KEYS)], 'args');
    }
    checkLayerArgs(cls.className, args as Record<string, unknown>);
    this.name = args.name ?? uniqueName(toSnakeCase(cls.className));
    this._trainable = args.trainable ?? true;
    this.dtype = args.dtype ?? 'float32';
    this.batchInputShape = args.batchInputShape ?? (args.inputShape ? [args.batchSize ?? null, ...args.inputShape] : null);
    try {
      this.activityRegularizer = getRegularizer(args.activityRegularizer);
    } catch (e) {
      throw new NeuriteError(`${cls.className}: activityRegularizer: ${(e as Error).message}. Received: activityRegularizer=${describeValue(args.activityRegularizer)}`);
    }
  }

  get className(): string {
    return (this.constructor as typeof Layer).className;
  }

  /** A non-trainable layer's weights are frozen and add no weight penalties to `losses`. */
  get trainable(): boolean {
    return this._trainable;
  }

  set trainable(value: boolean) {
    this._trainable = value;
    for (const w of this._weights) w.variable.trainable = value && this.weightTrainable.get(w) !== false;
    for (const s of this._sublayers) s.layer.trainable = value;
  }

  /**
   * Makes `layer` part of this one: its weights, losses and disposal become this layer's, and its weights
   * are named under this layer's scope. Call it before either is built.
   */
  protected trackSublayer<L extends Layer>(key: string, layer: L, scope: 'shared' | 'nested'): L {
    if (layer.owner !== null && layer.owner.layer !== this) {
      throw new NeuriteError(`${this.className}: layer '${layer.name}' already belongs to '${layer.owner.layer.name}'; pass a new layer`);
    }
    layer.owner = { layer: this, scope };
    this._sublayers.push({ key, layer, scope });
    return layer;
  }

  /** The layers this one holds (an RNN's cell, a wrapper's layers), in order. */
  get sublayers(): readonly Sublayer[] {
    return [...this._sublayers];
  }

  /** The prefix of this layer's weight paths: its name, or its owner's scope for a held layer. */
  get weightScope(): string {
    if (this.owner === null) return this.name;
    const outer = this.owner.layer.weightScope;
    return this.owner.scope === 'shared' ? outer : `${outer}/${this.name}`;
  }

  /**
   * The mask of this layer's output for an input mask (Keras's `compute_mask`): the input's when the layer
   * supports masking, none otherwise. Embedding and Masking make one; recurrent layers consume theirs.
   * A layer called on a list also gets each input's mask (`inputMasks`).
   */
  computeMask(inputs: Tensor | Tensor[], mask: Tensor | null, inputMasks?: (Tensor | null)[] | null): Tensor | null | (Tensor | null)[] {
    void inputs;
    void inputMasks;
    return this.supportsMasking ? mask : null;
  }

  private readonly weightTrainable = new WeakMap<LayerWeight, boolean>();

  /** Creates the layer's weights for inputs of `inputShape`. Subclasses call `addWeight` here. */
  build(inputShape: LayerShape | LayerShape[]): void {
    void inputShape;
    this.built = true;
  }

  /** The computation. `options.training` is always a boolean here. */
  abstract call(inputs: Tensor | Tensor[], options: Required<CallOptions>): Tensor | Tensor[];

  /** The output shape for an input shape (identity unless the layer says otherwise). */
  computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape | LayerShape[] {
    return inputShape;
  }

  /** The calls of this layer on symbolic tensors (one per use in a functional graph). */
  readonly inboundNodes: LayerNode[] = [];

  /**
   * Runs the layer (Keras's `layer(x, training=...)`): builds it on first use, calls it, and records the
   * activity penalty of this call. On symbolic tensors (from `Input`) it records the call in the graph and
   * returns symbolic outputs of the shapes `computeOutputShape` gives.
   */
  apply(inputs: Tensor, options?: CallOptions): Tensor;
  apply(inputs: SymbolicTensor, options?: CallOptions): SymbolicTensor;
  apply(inputs: Tensor[], options?: CallOptions): Tensor | Tensor[];
  apply(inputs: SymbolicTensor[], options?: CallOptions): SymbolicTensor | SymbolicTensor[];
  apply(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], options: CallOptions = {}): Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[] {
    this.assertNotDisposed('be called');
    const list: unknown[] = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length > 0 && list.every((t) => t instanceof SymbolicTensor)) {
      return this.applySymbolic(list as SymbolicTensor[], Array.isArray(inputs), options);
    }
    list.forEach((t, i) => {
      if (!(t instanceof Tensor)) {
        throw new NeuriteError(`${this.name}: inputs${Array.isArray(inputs) ? `[${i}]` : ''} must be a Tensor (or all SymbolicTensors). Received: ${describeValue(t)}`);
      }
    });
    const tensors = list as Tensor[];
    if (!this.built) {
      const shapes = tensors.map((t) => [...t.shape] as LayerShape);
      this.build(Array.isArray(inputs) ? shapes : shapes[0]);
      this.built = true;
    }
    const training = options.training ?? false;
    // A layer's own call options (MultiHeadAttention's attentionMask, ...) pass through.
    const outputs = this.call(inputs as Tensor | Tensor[], { ...options, training, mask: options.mask ?? null, inputMasks: options.inputMasks ?? null });
    if (this.activityRegularizer) this.recordActivityLoss(outputs);
    return outputs;
  }

  private applySymbolic(inputs: SymbolicTensor[], asList: boolean, options: CallOptions): SymbolicTensor | SymbolicTensor[] {
    const { training, mask, inputMasks, ...callArgs } = options;
    if (mask != null || inputMasks != null) throw new NeuriteError(`${this.name}: a symbolic call takes no mask (masks travel with the tensors of a model)`);
    const shapes = inputs.map((t) => [...t.shape]);
    const inputShape = asList ? shapes : shapes[0];
    if (!this.built) {
      this.build(inputShape);
      this.built = true;
    }
    const outShape = this.computeOutputShape(inputShape);
    const outShapes = isShapeList(outShape) ? outShape : [outShape as LayerShape];
    const node = new LayerNode(this, inputs, asList, training, callArgs);
    node.outputs = outShapes.map((shape, i) => new SymbolicTensor(shape, this.dtype, node, i));
    this.inboundNodes.push(node);
    return isShapeList(outShape) ? node.outputs : node.outputs[0];
  }

  private recordActivityLoss(outputs: Tensor | Tensor[]): void {
    const reg = this.activityRegularizer as Regularizer;
    const previous = this.activityLoss;
    this.activityLoss = keep(
      tidy(() => {
        const list = Array.isArray(outputs) ? outputs : [outputs];
        let total: Tensor | null = null;
        for (const out of list) {
          const batch = out.rank > 0 ? out.shape[0] : 1;
          const penalty = reg.apply(out).div(Math.max(batch, 1));
          total = total ? total.add(penalty) : penalty;
        }
        return total as Tensor;
      }),
    );
    previous?.dispose();
  }

  /** Creates a weight: its initial value from `initializer`, optional regularizer and constraint. */
  addWeight(options: AddWeightOptions): LayerWeight {
    const { name, shape, dtype = this.dtype, initializer = 'zeros', regularizer = null, constraint = null } = options;
    const trainable = options.trainable ?? true;
    if (this._weights.some((w) => w.name === name)) {
      throw new NeuriteError(`${this.name}: a weight named '${name}' already exists`);
    }
    // Before the initializer allocates: a valid shape, not too large, within a loader's budget.
    chargeWeight(`${this.className} '${this.name}'`, name, shape);
    const init = getInitializer(initializer, `${this.name}.${name}`);
    const value = tidy(() => init.apply([...shape], dtype));
    const weight = makeLayerWeight(
      name,
      `${this.weightScope}/${name}`,
      value,
      trainable && this._trainable,
      regularizer,
      constraint == null ? null : getConstraint(constraint, `${this.name}.${name}`),
    );
    value.dispose();
    this.weightTrainable.set(weight, trainable);
    this._weights.push(weight);
    return weight;
  }

  /** Every weight, in creation order: this layer's own, then each held layer's. */
  get weights(): LayerWeight[] {
    return [...this._weights, ...this._sublayers.flatMap((s) => s.layer.weights)];
  }

  /** The weights this layer created itself (not its held layers'). */
  get ownWeights(): LayerWeight[] {
    return [...this._weights];
  }

  get trainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => w.variable.trainable);
  }

  get nonTrainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => !w.variable.trainable);
  }

  /**
   * The regularization losses, as Keras 3 computes them: the penalty of each trainable weight that has a
   * regularizer, computed from the current value when read, plus the activity penalty of the last call.
   * The caller owns (and disposes) the returned tensors.
   */
  get losses(): Tensor[] {
    const out: Tensor[] = [];
    for (const w of this._weights) {
      if (w.variable.trainable && w.regularizer) out.push(tidy(() => (w.regularizer as Regularizer).apply(w.variable)));
    }
    if (this.activityLoss && !this.activityLoss.isDisposed) out.push(this.activityLoss.clone());
    for (const s of this._sublayers) out.push(...s.layer.losses);
    return out;
  }

  /** Copies of the weights' values, in order. */
  getWeights(): Tensor[] {
    this.assertNotDisposed('give its weights');
    return this.weights.map((w) => w.variable.clone());
  }

  /** Replaces every weight's value; shapes must match (the error names the weight and both shapes). */
  setWeights(values: Tensor[]): void {
    this.assertNotDisposed('take new weights');
    const weights = this.weights;
    if (values.length !== weights.length) {
      throw new NeuriteError(`${this.name}: setWeights expected ${weights.length} tensors, got ${values.length}`);
    }
    values.forEach((v, i) => {
      const w = weights[i];
      if (v.shape.length !== w.shape.length || v.shape.some((d, j) => d !== w.shape[j])) {
        throw new NeuriteError(`${this.name}: weight '${w.name}' has shape ${describeShape(w.shape as number[])}, the value given has ${describeShape(v.shape as number[])}`);
      }
    });
    values.forEach((v, i) => weights[i].assign(v));
  }

  /** Number of scalars in the weights. */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.variable.size, 0);
  }

  /** What the constructor needs to rebuild an equal layer (subclasses spread this and add their own). */
  getConfig(): LayerConfig {
    const config: LayerConfig = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) config.batchInputShape = [...this.batchInputShape];
    if (this.activityRegularizer) config.activityRegularizer = serialize(this.activityRegularizer);
    return config;
  }

  /** Rebuilds a layer from `getConfig()`'s output. */
  static fromConfig<L extends Layer>(this: new (args: any) => L, config: LayerConfig): L {
    return new this(config);
  }

  /** True once `dispose()` has run: the weights are gone, and using the layer is an error. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  private disposed = false;

  /** Throws a clear error when the layer (or model) was disposed, instead of a read of a freed tensor. */
  assertNotDisposed(action: string): void {
    if (this.disposed) {
      throw new NeuriteError(`${this.className} '${this.name}' was disposed (dispose() freed its weights), so it cannot ${action}; build or load it again`);
    }
  }

  /** Frees the weights and the last activity penalty. */
  dispose(): void {
    this.disposed = true;
    dispose(this._weights.map((w) => w.variable));
    for (const s of this._sublayers) s.layer.dispose();
    this.activityLoss?.dispose();
    this.activityLoss = null;
  }
}

