import { ENGINE } from '../engine/engine.js';
import { Tensor, type Variable } from '../tensor.js';
import { NeuriteError, argumentError } from '../util/errors.js';
import { convertToTensor } from '../ops/convert.js';

/** A function of one tensor to a tensor, as `grad` differentiates. */
export type Fn1 = (x: Tensor) => Tensor;
/** A function of several tensors to a tensor, as `grads` differentiates. */
export type FnN = (...xs: Tensor[]) => Tensor;

function checkFn(op: string, f: unknown): void {
  if (typeof f !== 'function') throw argumentError(op, 'f', 'a function', f);
}

/** `grad(f)(x, dy?)`: the gradient of `f` at `x` (f must return a scalar unless `dy` is given). */
export function grad(f: Fn1): (x: Tensor, dy?: Tensor) => Tensor {
  checkFn('grad', f);
  return (x, dy) => {
    const t = convertToTensor(x, 'x', 'grad', 'float32');
    const { value, grads, valueIsNew } = ENGINE.gradients(() => f(t), [t], dy);
    if (valueIsNew) value.dispose();
    return grads[0];
  };
}

/** `grads(f)([a, b], dy?)`: the gradients of `f(a, b)` with respect to each argument. */
export function grads(f: FnN): (xs: Tensor[], dy?: Tensor) => Tensor[] {
  checkFn('grads', f);
  return (xs, dy) => {
    const ts = checkArgs('grads', xs);
    const { value, grads, valueIsNew } = ENGINE.gradients(() => f(...ts), ts, dy);
    if (valueIsNew) value.dispose();
    return grads;
  };
}

/** Like `grad`, and also returns `f(x)`. */
export function valueAndGrad(f: Fn1): (x: Tensor, dy?: Tensor) => { value: Tensor; grad: Tensor } {
  checkFn('valueAndGrad', f);
  return (x, dy) => {
    const t = convertToTensor(x, 'x', 'valueAndGrad', 'float32');
    const { value, grads } = ENGINE.gradients(() => f(t), [t], dy);
    return { value, grad: grads[0] };
  };
}

/** Like `grads`, and also returns `f(...xs)`. */
export function valueAndGrads(f: FnN): (xs: Tensor[], dy?: Tensor) => { value: Tensor; grads: Tensor[] } {
  checkFn('valueAndGrads', f);
  return (xs, dy) => {
    const ts = checkArgs('valueAndGrads', xs);
    return ENGINE.gradients(() => f(...ts), ts, dy);
  };
}

function checkArgs(op: string, xs: unknown): Tensor[] {
  if (!Array.isArray(xs)) throw argumentError(op, 'xs', 'an array of tensors', xs);
  return xs.map((x, i) => convertToTensor(x, `xs[${i}]`, op, 'float32'));
}

/**
 * The value of `f()` (a scalar) and its gradient with respect to each variable in `varList` (by default,
 * every trainable variable), keyed by variable name.
 */
export function variableGrads(f: () => Tensor, varList?: Variable[]): { value: Tensor; grads: Record<string, Tensor> } {
  checkFn('variableGrads', f);
  const vars = varList ?? [...ENGINE.variables.values()].filter((v) => v.trainable);
  if (vars.length === 0) throw new NeuriteError('variableGrads: there are no trainable variables to differentiate with respect to');
  const { value, grads } = ENGINE.gradients(f, vars);
  const byName: Record<string, Tensor> = {};
  vars.forEach((v, i) => (byName[v.name] = grads[i]));
  return { value, grads: byName };
}

export interface CustomGradResult {
  value: Tensor;
  /** Gradients with respect to each input, given the upstream gradient and the tensors in `save`. */
  gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor | Tensor[];
  /** Tensors the gradient needs; kept alive until the gradient has run. */
  save?: Tensor[];
}

/**
 * Wraps `f` so that its gradient is `gradFunc` instead of the gradient of the ops inside it (for
 * numerical stability or speed). The forward pass is not recorded.
 */
export function customGrad(f: (...inputs: Tensor[]) => CustomGradResult): (...inputs: Tensor[]) => Tensor {
  checkFn('customGrad', f);
  return (...inputs) => {
    const xs = inputs.map((x, i) => convertToTensor(x, `inputs[${i}]`, 'customGrad'));
    const result = ENGINE.withoutRecording(() => f(...xs));
    if (!(result?.value instanceof Tensor) || typeof result.gradFunc !== 'function') {
      throw argumentError('customGrad', 'f', 'a function returning { value: Tensor, gradFunc }', result);
    }
    const { value, gradFunc, save = [] } = result;
    ENGINE.record('CustomGrad', xs, [value], {}, (dys, saved) => {
      const g = gradFunc(dys[0], saved.inputs);
      const list = Array.isArray(g) ? g : [g];
      if (list.length !== xs.length) {
        throw new NeuriteError(`customGrad: gradFunc returned ${list.length} gradients for ${xs.length} inputs`);
      }
      return list;
    }, save);
    return value;
  };
}
