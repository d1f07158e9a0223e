import {
  NeuriteError, add, cast, dropout, expandDims, matMul, mul, reshape, softmax, sub, tensor, tidy, transpose, type Tensor,
} from '@neurite/tensor';
import type { Regularizer, RegularizerIdentifier } from '@neurite/regularizers';
import type { Constraint, ConstraintIdentifier } from '../../constraints/constraint.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/initializer.js';
import { type CallOptions, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { SeededLayer, type SeededLayerArgs } from '../../engine/seeded-layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { describeShape, isShapeList, type LayerShape } from '../../engine/shape.js';
import {
  argError, checkBoolean, checkPositiveInt, constraintConfig, initializerConfig, regularizerConfig, resolveConstraint,
  resolveInitializer, resolveRegularizer,
} from '../core/arguments.js';
import { checkNumberInRange } from '@neurite/tensor';
import { AttentionProjection } from './attention-projection.js';

export interface MultiHeadAttentionArgs extends SeededLayerArgs {
  numHeads: number;
  /** Size of each head's query and key vectors. */
  keyDim: number;
  /** Size of each head's value vectors (keyDim by default). */
  valueDim?: number | null;
  /** Dropout on the attention probabilities, in [0, 1] (seeded with `seed`). */
  dropout?: number;
  useBias?: boolean;
  /** The size of the output's last axis (the query's by default). */
  outputShape?: number | [number] | null;
  /** Only attention over the steps axis: null, or that axis as Keras writes it once built (1, [1], -2, [-2]). */
  attentionAxes?: null | number | number[];
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/** MultiHeadAttention's own call options (beside `training`). */
export interface AttentionCallOptions extends CallOptions {
  /** Of shape [batch, querySteps, valueSteps], 1 (or true) where a query step may attend to a value step. */
  attentionMask?: Tensor | null;
  /** Each query step attends only to value steps at or before it (combined with attentionMask). */
  useCausalMask?: boolean;
  /** Also return the attention probabilities [batch, heads, querySteps, valueSteps] (eager calls only). */
  returnAttentionScores?: boolean;
}

/** What Keras adds to a masked score before the softmax (a large negative float32). */
const MASKED = -1e9;

/**
 * Keras's `MultiHeadAttention` (Vaswani et al.): inputs [query, value] or [query, value, key] of shapes
 * [batch, steps, features]. Each head projects them (`query`, `key`, `value` kernels [features, heads,
 * dim]), takes softmax(q · kᵀ / sqrt(keyDim)) over the value steps (masked steps get -1e9 first), drops
 * some of those probabilities in training, averages the values with them, and the `attention_output`
 * kernel [heads, valueDim, outputDim] combines the heads.
 */
export class MultiHeadAttention extends SeededLayer {
  static override className = 'MultiHeadAttention';
  static override argKeys = layerArgKeys<MultiHeadAttentionArgs>({
    numHeads: true, keyDim: true, valueDim: true, dropout: true, useBias: true, outputShape: true, attentionAxes: true, seed: true,
    kernelInitializer: true, biasInitializer: true, kernelRegularizer: true, biasRegularizer: true, kernelConstraint: true, biasConstraint: true,
  });

  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShape: number | null;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  private projections: { query: AttentionProjection; key: AttentionProjection; value: AttentionProjection; output: AttentionProjection } | null = null;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    const cls = 'MultiHeadAttention';
    this.numHeads = checkPositiveInt(cls, 'numHeads', args?.numHeads);
    this.keyDim = checkPositiveInt(cls, 'keyDim', args.keyDim);
    this.valueDim = args.valueDim == null ? this.keyDim : checkPositiveInt(cls, 'valueDim', args.valueDim);
    this.dropout = checkNumberInRange(cls, 'dropout', args.dropout ?? 0, 0, 1);
    this.useBias = checkBoolean(cls, 'useBias', args.useBias ?? true);
    const out = args.outputShape;
    if (out == null) this.outputShape = null;
    else if (Array.isArray(out) && out.length === 1) this.outputShape = checkPositiveInt(cls, 'outputShape', out[0]);
    else this.outputShape = checkPositiveInt(cls, 'outputShape', out);
    const axes = args.attentionAxes;
    const stepsAxis = (a: unknown) => a === 1 || a === -2;
    if (!(axes == null || stepsAxis(axes) || (Array.isArray(axes) && axes.length === 1 && stepsAxis(axes[0])))) {
      throw argError(cls, 'attentionAxes', 'null or the steps axis (1; attention over other axes is not supported)', axes);
    }
    this.kernelInitializer = resolveInitializer(cls, 'kernelInitializer', args.kernelInitializer, 'glorotUniform');
    this.biasInitializer = resolveInitializer(cls, 'biasInitializer', args.biasInitializer, 'zeros');
    this.kernelRegularizer = resolveRegularizer(cls, 'kernelRegularizer', args.kernelRegularizer);
    this.biasRegularizer = resolveRegularizer(cls, 'biasRegularizer', args.biasRegularizer);
    this.kernelConstraint = resolveConstraint(cls, 'kernelConstraint', args.kernelConstraint);
    this.biasConstraint = resolveConstraint(cls, 'biasConstraint', args.biasConstraint);
  }

  /** [query, value, key] shapes, checked: rank 3 with known features, key and value of one length. */
  private shapes(inputShape: LayerShape | LayerShape[]): [LayerShape, LayerShape, LayerShape] {
    const list = isShapeList(inputShape) ? inputShape : [inputShape];
    if (list.length < 2 || list.length > 3) {
      throw argError('MultiHeadAttention', 'inputs', '[query, value] or [query, value, key]', `${list.length} tensor(s)`);
    }
    const [query, value, key = value] = list;
    for (const [name, s] of [['query', query], ['value', value], ['key', key]] as const) {
      if (s.length !== 3 || s[2] === null) {
        throw new NeuriteError(`MultiHeadAttention: ${name} must be [batch, steps, features] with known features. Received: shape=${describeShape(s)}`);
      }
    }
    if (key[1] !== null && value[1] !== null && key[1] !== value[1]) {
      throw new NeuriteError(`MultiHeadAttention: key and value must have the same number of steps. Received: key shape=${describeShape(key)}, value shape=${describeShape(value)}`);
    }
    return [query, value, key];
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const [query, value, key] = this.shapes(inputShape);
    const h = this.numHeads;
    const w = {
      kernelInitializer: this.kernelInitializer, biasInitializer: this.biasInitializer, kernelRegularizer: this.kernelRegularizer,
      biasRegularizer: this.biasRegularizer, kernelConstraint: this.kernelConstraint, biasConstraint: this.biasConstraint,
    };
    const bias = (shape: number[]) => (this.useBias ? shape : null);
    const outDim = this.outputShape ?? (query[2] as number);
    const make = (attr: string, name: string, kernelShape: number[], biasShape: number[] | null): AttentionProjection => {
      const p = this.trackSublayer(attr, new AttentionProjection(name, { ...w, kernelShape, biasShape }), 'nested');
      p.build([]);
      p.built = true;
      return p;
    };
    this.projections = {
      query: make('query_dense', 'query', [query[2] as number, h, this.keyDim], bias([h, this.keyDim])),
      key: make('key_dense', 'key', [key[2] as number, h, this.keyDim], bias([h, this.keyDim])),
      value: make('value_dense', 'value', [value[2] as number, h, this.valueDim], bias([h, this.valueDim])),
      output: make('output_dense', 'attention_output', [h, this.valueDim, outDim], bias([outDim])),
    };
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const [query] = this.shapes(inputShape);
    return [query[0], query[1], this.outputShape ?? query[2]];
  }

  /** x [batch, steps, features] through a projection: [batch, heads, steps, dim]. */
  private project(x: Tensor, p: AttentionProjection, dim: number): Tensor {
    const [batch, steps, features] = x.shape;
    const kernel = (p.kernel as LayerWeight).read();
    let y = matMul(reshape(x, [batch * steps, features]), reshape(kernel, [features, this.numHeads * dim]));
    if (p.bias) y = add(y, reshape(p.bias.read(), [this.numHeads * dim]));
    return transpose(reshape(y, [batch, steps, this.numHeads, dim]), { perm: [0, 2, 1, 3] });
  }

  /** The mask [batch, 1, querySteps, valueSteps] of 0/1, or null when nothing is masked. */
  private combinedMask(batch: number, tq: number, tv: number, attentionMask: Tensor | null | undefined, causal: boolean): Tensor | null {
    let mask: Tensor | null = null;
    if (attentionMask != null) {
      const s = attentionMask.shape;
      if (s.length !== 3 || (s[0] !== batch && s[0] !== 1) || s[1] !== tq || s[2] !== tv) {
        throw new NeuriteError(`MultiHeadAttention '${this.name}': attentionMask must have shape [${batch}, ${tq}, ${tv}] (batch, query steps, value steps). Received: shape=${describeShape(s)}`);
      }
      mask = cast(attentionMask, 'float32');
    }
    if (causal) {
      const lower = tensor(Array.from({ length: tq * tv }, (_, i) => (i % tv <= Math.floor(i / tv) ? 1 : 0)), [1, tq, tv]);
      mask = mask ? mul(mask, lower) : lower;
    }
    return mask ? expandDims(mask, { axis: 1 }) : null;
  }

  /**
   * Keras's query and value (or key) masks ([batch, steps], from Embedding's maskZero or Masking) as an
   * attention mask: a query step attends to the value steps that are not padding. Null when there are none.
   */
  private paddingMask(masks: (Tensor | null)[] | null | undefined, tq: number, tv: number): Tensor | null {
    if (!masks) return null;
    const [queryMask, valueMask, keyMask] = masks;
    const steps = (m: Tensor | null | undefined) => (m == null ? null : cast(m, 'float32'));
    const q = steps(queryMask);
    let v = steps(valueMask);
    const k = steps(keyMask);
    if (k) v = v ? mul(v, k) : k;
    if (!q && !v) return null;
    const rows = q ? expandDims(q, { axis: 2 }) : tensor(new Array<number>(tq).fill(1), [1, tq, 1]);
    const cols = v ? expandDims(v, { axis: 1 }) : tensor(new Array<number>(tv).fill(1), [1, 1, tv]);
    return mul(rows, cols);
  }

  /** The query's mask goes on with the output (Keras's compute_mask). */
  override computeMask(_inputs: Tensor | Tensor[], _mask: Tensor | null, inputMasks?: (Tensor | null)[] | null): Tensor | null {
    return inputMasks?.[0] ?? null;
  }

  call(inputs: Tensor | Tensor[], options: Required<CallOptions>): Tensor | Tensor[] {
    const o = options as Required<CallOptions> & AttentionCallOptions;
    const list = Array.isArray(inputs) ? inputs : [inputs];
    this.shapes(list.map((t) => [...t.shape]));
    const [query, value, key = value] = list;
    if (query.shape[0] !== value.shape[0] || key.shape[0] !== value.shape[0]) {
      throw new NeuriteError(`MultiHeadAttention '${this.name}': query, value and key must have the same batch size. Received: ${query.shape[0]}, ${value.shape[0]}, ${key.shape[0]}`);
    }
    const p = this.projections as NonNullable<MultiHeadAttention['projections']>;
    const wantScores = o.returnAttentionScores === true;
    const result = tidy(() => {
      const [batch, tq] = query.shape;
      const tv = value.shape[1];
      const q = mul(this.project(query, p.query, this.keyDim), 1 / Math.sqrt(this.keyDim));
      const k = this.project(key, p.key, this.keyDim);
      const v = this.project(value, p.value, this.valueDim);
      let scores = matMul(q, k, { transposeB: true }); // [batch, heads, tq, tv]
      const mask = this.combinedMask(batch, tq, tv, o.attentionMask ?? this.paddingMask(o.inputMasks, tq, tv), o.useCausalMask === true);
      if (mask) scores = add(scores, mul(sub(1, mask), MASKED));
      const probabilities = softmax(scores, { axis: -1 });
      const dropped = o.training && this.dropout > 0 ? dropout(probabilities, this.dropout, { seed: this.seedGenerator }) : probabilities;
      const context = transpose(matMul(dropped, v), { perm: [0, 2, 1, 3] }); // [batch, tq, heads, valueDim]
      const outKernel = (p.output.kernel as LayerWeight).read();
      const outDim = outKernel.shape[2];
      let y = matMul(reshape(context, [batch * tq, this.numHeads * this.valueDim]), reshape(outKernel, [this.numHeads * this.valueDim, outDim]));
      if (p.output.bias) y = add(y, p.output.bias.read());
      const output = reshape(y, [batch, tq, outDim]);
      return wantScores ? [output, probabilities] : [output];
    });
    return wantScores ? result : result[0];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      outputShape: this.outputShape,
      attentionAxes: null,
      kernelInitializer: initializerConfig(this.kernelInitializer),
      biasInitializer: initializerConfig(this.biasInitializer),
      kernelRegularizer: regularizerConfig(this.kernelRegularizer),
      biasRegularizer: regularizerConfig(this.biasRegularizer),
      kernelConstraint: constraintConfig(this.kernelConstraint),
      biasConstraint: constraintConfig(this.biasConstraint),
    };
  }
}

registerLayer(MultiHeadAttention);
