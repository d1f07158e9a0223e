import { cast, fill, mul, NeuriteError, sub, tensor, tidy, Tensor, Variable, variable as makeVariable, describeValue } from '@neurite/tensor';
import { clipByGlobalNorm, clipByNorm, clipByValueSymmetric } from './clip.js';
import type { LearningRateSchedule, OptimizerArgs, OptimizerLike } from './optimizer.js';
import { checkSavedState, type ExpectedStateValue, type OptimizerStateVariable, type SavedStateValue, type SlotLayout, type SlotSpec } from './state.js';
import {
  argError, checkLearningRate, checkName, checkNonNegative, checkOptionalPositive, checkOptions, isSchedule,
} from './validate.js';

/** Options every optimizer accepts: the contract's OptimizerArgs plus Keras 3's decoupled `weightDecay`. */
export interface BaseOptimizerArgs extends OptimizerArgs {
  /** Decoupled weight decay: before each update, `variable -= learningRate * weightDecay * variable`. */
  weightDecay?: number | null;
}

/** The option keys the base class reads; subclasses add their own. */
export const BASE_OPTION_KEYS = ['learningRate', 'clipnorm', 'clipvalue', 'globalClipnorm', 'weightDecay', 'name'] as const;

/** The serialized form of a schedule or optimizer: `{ className, config }`. */
export interface SerializedConfig {
  className: string;
  config: Record<string, unknown>;
}

/**
 * Base of every optimizer (Keras 3's semantics): clips the gradients, applies decoupled weight decay,
 * then calls `updateStep` per variable with this step's learning rate, and finally counts the step.
 * Slot variables (moments, accumulators) are created lazily per variable and freed by `dispose`.
 */
export abstract class Optimizer implements OptimizerLike {
  /** The Keras class name (used by `getConfig`/`getOptimizer`). */
  static readonly className: string = 'Optimizer';

  readonly name: string;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly weightDecay: number | null;

  private lr: number | LearningRateSchedule;
  private steps = 0;
  private disposed = false;
  private readonly slots = new Map<Variable, Map<string, Variable>>();
  private readonly decayExcludedVariables = new Set<Variable>();
  private decayExcludedNames: string[] = [];
  private layoutCache: SlotLayout | null = null;

  protected constructor(args: BaseOptimizerArgs | undefined, defaults: { learningRate: number; name: string }, ownKeys: readonly string[]) {
    const owner = this.className;
    const a = checkOptions(owner, args, [...BASE_OPTION_KEYS, ...ownKeys]);
    this.lr = checkLearningRate(owner, a.learningRate ?? defaults.learningRate);
    this.clipnorm = checkOptionalPositive(owner, 'clipnorm', a.clipnorm);
    this.clipvalue = checkOptionalPositive(owner, 'clipvalue', a.clipvalue);
    this.globalClipnorm = checkOptionalPositive(owner, 'globalClipnorm', a.globalClipnorm);
    if (this.clipnorm !== null && this.globalClipnorm !== null) {
      throw new NeuriteError(
        `${owner}: only one of clipnorm and globalClipnorm may be set. Received: clipnorm=${this.clipnorm}, globalClipnorm=${this.globalClipnorm}`,
      );
    }
    this.weightDecay = a.weightDecay === undefined || a.weightDecay === null ? null : checkNonNegative(owner, 'weightDecay', a.weightDecay);
    this.name = checkName(owner, a.name ?? defaults.name);
  }

  /** The Keras class name of this optimizer. */
  get className(): string {
    return (this.constructor as typeof Optimizer).className;
  }

  /** Steps taken so far (Keras's `iterations`). */
  get iterations(): number {
    return this.steps;
  }

  /**
   * The learning rate as configured: a number or a schedule. Setting it replaces it; as in Keras, an
   * optimizer built with a schedule only accepts another schedule.
   */
  get learningRate(): number | LearningRateSchedule {
    return this.lr;
  }

  set learningRate(value: number | LearningRateSchedule) {
    const checked = checkLearningRate(this.className, value);
    if (isSchedule(this.lr) && !isSchedule(checked)) {
      throw new NeuriteError(
        `${this.className}: this optimizer's learning rate is a ${this.lr.className} schedule, so it cannot be set to a number. Received: learningRate=${describeValue(value)}`,
      );
    }
    this.lr = checked;
  }

  /** The learning rate of the current step (the schedule evaluated at `iterations`). */
  currentLearningRate(): number {
    if (!isSchedule(this.lr)) return this.lr;
    const value = this.lr.at(this.steps);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new NeuriteError(`${this.className}: the ${this.lr.className} schedule returned an invalid learning rate at step ${this.steps}: ${String(value)}`);
    }
    return value;
  }

  /** Keeps these variables (or those whose name contains one of `varNames`) out of weight decay. */
  excludeFromWeightDecay(options: { variables?: readonly Variable[]; varNames?: readonly string[] }): void {
    for (const v of options.variables ?? []) this.decayExcludedVariables.add(v);
    this.decayExcludedNames = [...this.decayExcludedNames, ...(options.varNames ?? [])];
  }

  /** Clips the gradients, applies weight decay and one update per variable, then counts the step. */
  applyGradients(gradsAndVars: readonly (readonly [Tensor, Variable])[]): void {
    if (this.disposed) throw new NeuriteError(`${this.className}: applyGradients was called after dispose()`);
    this.checkPairs(gradsAndVars);
    const lr = this.currentLearningRate();
    tidy(() => {
      const vars = gradsAndVars.map(([, v]) => v);
      const grads = this.clipGradients(gradsAndVars.map(([g, v]) => (g.dtype === v.dtype ? g : cast(g, v.dtype))));
      this.applyWeightDecay(vars, lr);
      vars.forEach((v, i) => this.updateStep(grads[i], v, lr));
    });
    this.steps++;
  }

  /** Keras's config keys in camelCase; a schedule learning rate is serialized as `{ className, config }`. */
  getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      learningRate: isSchedule(this.lr) ? { className: this.lr.className, config: this.lr.getConfig() } : this.lr,
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      globalClipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
    };
  }

  /** Every slot variable created so far, in creation order. */
  get variables(): Variable[] {
    return [...this.slots.values()].flatMap((m) => [...m.values()]);
  }

  /** Frees every slot variable; the optimizer cannot be used afterwards. */
  dispose(): void {
    for (const m of this.slots.values()) for (const v of m.values()) if (!v.isDisposed) v.dispose();
    this.slots.clear();
    this.disposed = true;
  }

  /**
   * Creates every slot of `variables` that does not exist yet (zeros, or the optimizer's initial value), as
   * Keras's `build(var_list)` does; `applyGradients` otherwise creates them on first use.
   */
  build(variables: readonly Variable[]): void {
    this.checkUsable('build');
    for (const [variable, spec] of this.slotOrder(checkVariables(this.className, 'build', variables))) this.slot(variable, spec.name);
  }

  /**
   * The optimizer's state for the model variables `variables` (the model's trainable weights, in order),
   * listed as Keras 3's `optimizer.variables`: iterations, learning_rate (unless the rate is a schedule),
   * then the slots in this optimizer's Keras layout. Missing slots are created first, as `build` does.
   */
  stateVariables(variables: readonly Variable[]): OptimizerStateVariable[] {
    this.checkUsable('stateVariables');
    const vars = checkVariables(this.className, 'stateVariables', variables);
    const head: OptimizerStateVariable[] = [{ name: 'iterations', dtype: 'int64', shape: [], value: this.steps }];
    if (!isSchedule(this.lr)) head.push({ name: 'learning_rate', dtype: 'float32', shape: [], value: this.lr });
    const slots = this.slotOrder(vars).map(([v, spec]): OptimizerStateVariable => ({
      name: `${v.name}/${spec.name}`, dtype: 'float32', shape: [...v.shape], value: this.slot(v, spec.name),
    }));
    return [...head, ...slots];
  }

  /**
   * Restores a state saved in `stateVariables`'s order (Keras's `optimizer.variables`) for the model
   * variables `variables`: iterations, the learning rate (kept when the saved float32 value is merely the
   * rounding of this optimizer's rate, and ignored with a schedule) and every slot. A state of iterations
   * and learning rate only (what Keras saves for an optimizer that never took a step) restores those and
   * leaves the slots as they are. Everything is checked first — count, shapes, integer or float storage,
   * values — so on error (a NeuriteError naming this optimizer, the index and the expected shape) nothing
   * has changed.
   */
  loadState(variables: readonly Variable[], saved: readonly SavedStateValue[]): void {
    this.checkUsable('loadState');
    const vars = checkVariables(this.className, 'loadState', variables);
    if (!Array.isArray(saved)) throw argError(`${this.className}.loadState`, 'saved', 'an array of { shape, values, kind }', saved);
    const headLength = isSchedule(this.lr) ? 1 : 2;
    const order = this.slotOrder(vars);
    const expected: ExpectedStateValue[] = [
      { name: 'iterations', kind: 'int', shape: [] },
      ...(headLength === 2 ? [{ name: 'learning_rate', kind: 'float' as const, shape: [] }] : []),
      ...order.map(([v, spec]) => ({ name: `${spec.name} of '${v.name}'`, kind: 'float' as const, shape: v.shape })),
    ];
    const who = `${this.className} '${this.name}'`;
    const { iterations, savedRate } = checkSavedState(who, expected, saved, headLength, () => this.describeLayout(headLength, vars.length));
    // All checked: apply.
    this.steps = iterations;
    if (savedRate !== null && typeof this.lr === 'number' && Math.fround(this.lr) !== Math.fround(savedRate)) this.lr = savedRate;
    if (saved.length === headLength) return;
    order.forEach(([v, spec], k) => {
      const slot = this.slot(v, spec.name);
      const { values } = saved[headLength + k];
      const value = tidy(() => {
        const t = tensor(Float32Array.from(values), [...v.shape], 'float32');
        return t.dtype === slot.dtype ? t : t.cast(slot.dtype);
      });
      slot.assign(value);
      value.dispose();
    });
  }

  /** Updates `variable` in place from its (clipped) gradient at learning rate `lr`. */
  protected abstract updateStep(gradient: Tensor, variable: Variable, lr: number): void;

  /**
   * This optimizer's slots in Keras's order (see SlotLayout): each optimizer declares its layout here, once;
   * `slot` takes the initial values from it, and saving and loading follow it.
   */
  protected abstract slotLayout(): SlotLayout;

  /** The slot `slotName` (declared in `slotLayout`) of `variable`, created on first use with its initial value. */
  protected slot(variable: Variable, slotName: string): Variable {
    let perVar = this.slots.get(variable);
    if (!perVar) this.slots.set(variable, (perVar = new Map()));
    let s = perVar.get(slotName);
    if (!s) {
      const spec = this.layout().flat().find((x) => x.name === slotName);
      if (!spec) throw new NeuriteError(`${this.className}: slot '${slotName}' is not in its slot layout`);
      const initialValue = spec.initialValue ?? 0;
      s = tidy(() => makeVariable(fill(variable.shape, initialValue, variable.dtype), { trainable: false }));
      perVar.set(slotName, s);
    }
    return s;
  }

  private layout(): SlotLayout {
    return (this.layoutCache ??= this.slotLayout());
  }

  /** Every (variable, slot) pair in Keras's order: pass by pass, variable by variable. */
  private slotOrder(variables: readonly Variable[]): [Variable, SlotSpec][] {
    return this.layout().flatMap((pass) => variables.flatMap((v) => pass.map((spec): [Variable, SlotSpec] => [v, spec])));
  }

  /** 'iterations, learning_rate, then momentum and velocity of each of 3 model variables'. */
  private describeLayout(headLength: number, count: number): string {
    const passes = this.layout().map((pass) => `${pass.map((s) => s.name).join(' and ')} of each`);
    const head = headLength === 2 ? 'iterations, learning_rate' : 'iterations';
    return passes.length === 0 ? head : `${head}, then ${passes.join(', then ')} of ${count} model variable${count === 1 ? '' : 's'}`;
  }

  private checkUsable(method: string): void {
    if (this.disposed) throw new NeuriteError(`${this.className}: ${method} was called after dispose()`);
  }

  private clipGradients(grads: Tensor[]): Tensor[] {
    let out = grads;
    if (this.clipnorm !== null) out = out.map((g) => clipByNorm(g, this.clipnorm as number));
    else if (this.globalClipnorm !== null) out = clipByGlobalNorm(out, this.globalClipnorm);
    if (this.clipvalue !== null) out = out.map((g) => clipByValueSymmetric(g, this.clipvalue as number));
    return out;
  }

  private applyWeightDecay(vars: Variable[], lr: number): void {
    if (this.weightDecay === null || this.weightDecay === 0) return;
    const factor = lr * this.weightDecay;
    for (const v of vars) {
      if (this.decayExcludedVariables.has(v) || this.decayExcludedNames.some((n) => v.name.includes(n))) continue;
      v.assign(sub(v, mul(v, factor)));
    }
  }

  private checkPairs(gradsAndVars: readonly (readonly [Tensor, Variable])[]): void {
    const owner = `${this.className}.applyGradients`;
    if (!Array.isArray(gradsAndVars)) throw argError(owner, 'gradsAndVars', 'an array of [gradient, variable] pairs', gradsAndVars);
    const seen = new Set<Variable>();
    gradsAndVars.forEach((pair, i) => {
      const ok = Array.isArray(pair) && pair.length === 2 && pair[0] instanceof Tensor && pair[1] instanceof Variable;
      if (!ok) throw argError(owner, `gradsAndVars[${i}]`, 'a [Tensor, Variable] pair', pair);
      const [g, v] = pair as unknown as readonly [Tensor, Variable];
      if (g.shape.length !== v.shape.length || g.shape.some((d, k) => d !== v.shape[k])) {
        throw argError(owner, `gradsAndVars[${i}][0].shape`, `[${v.shape}] (the shape of variable '${v.name}')`, g.shape);
      }
      if (seen.has(v)) throw argError(owner, `gradsAndVars[${i}][1]`, 'a variable not listed twice', v.name);
      seen.add(v);
    });
  }
}

/** A list of distinct Variables (the model variables whose state is listed or restored). */
function checkVariables(owner: string, method: string, variables: readonly Variable[]): readonly Variable[] {
  if (!Array.isArray(variables)) throw argError(`${owner}.${method}`, 'variables', 'an array of Variables', variables);
  const seen = new Set<Variable>();
  variables.forEach((v, i) => {
    if (!(v instanceof Variable)) throw argError(`${owner}.${method}`, `variables[${i}]`, 'a Variable', v);
    if (seen.has(v)) throw argError(`${owner}.${method}`, `variables[${i}]`, 'a variable not listed twice', v.name);
    seen.add(v);
  });
  return variables;
}
