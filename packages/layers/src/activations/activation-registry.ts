import { NeuriteError, Registry, type FusedActivation, type Tensor } from '@neurite/tensor';
import { describeValue } from '../initializers/argument-checks.js';
import {
  elu, exponential, gelu, hardSigmoid, legacyHardSigmoid, leakyRelu, linear, logSoftmax, relu, relu6, selu, sigmoid, silu, softmax,
  softplus, softsign, tanh,
} from './functions.js';

/** A function of one tensor, as layers take for `activation`. */
export type ActivationFunction = (x: Tensor) => Tensor;

/** An activation resolved by `getActivation`: callable, and tagged with the name it serializes to. */
export type Activation = ActivationFunction & { readonly activationName: string };

/** Canonical (Keras snake_case) name -> function. */
export const activationFunctions = new Registry<ActivationFunction>('activation');
/** Every accepted spelling -> canonical name. */
const aliases = new Map<string, string>();
/** Function -> canonical name, so `serializeActivation` works on the bare functions too. */
const nameOf = new WeakMap<ActivationFunction, string>();

/**
 * Makes an activation known under `name` (its serialized form) and any extra spellings. Users register
 * their own functions this way so that layers using them serialize and deserialize.
 */
export function registerActivation(name: string, fn: ActivationFunction, ...extraNames: string[]): void {
  if (typeof name !== 'string' || name === '') {
    throw new NeuriteError(`registerActivation: name must be a non-empty string. Received: name=${describeValue(name)}`);
  }
  if (typeof fn !== 'function') {
    throw new NeuriteError(`registerActivation: fn must be a function. Received: fn=${describeValue(fn)}`);
  }
  // a second function under a taken name or spelling is an error (a layer saved with it would load the other one)
  for (const alias of extraNames) {
    const held = aliases.get(alias);
    if (held !== undefined && held !== name) {
      throw new NeuriteError(`registerActivation: the spelling '${alias}' already names the activation '${held}'`);
    }
  }
  activationFunctions.register('registerActivation', [name], fn);
  if (!nameOf.has(fn)) nameOf.set(fn, name);
  for (const alias of [name, ...extraNames]) aliases.set(alias, name);
}

registerActivation('linear', linear);
registerActivation('relu', relu);
registerActivation('relu6', relu6);
registerActivation('sigmoid', sigmoid);
registerActivation('tanh', tanh);
registerActivation('softmax', softmax);
registerActivation('log_softmax', logSoftmax, 'logSoftmax');
registerActivation('elu', elu);
registerActivation('selu', selu);
registerActivation('gelu', gelu);
registerActivation('softplus', softplus);
registerActivation('softsign', softsign);
registerActivation('leaky_relu', leakyRelu, 'leakyRelu');
// Keras 3 serializes swish as 'silu' (one function with two names).
registerActivation('silu', silu, 'swish');
registerActivation('hard_sigmoid', hardSigmoid, 'hardSigmoid');
registerActivation('legacy_hard_sigmoid', legacyHardSigmoid, 'legacyHardSigmoid');
registerActivation('exponential', exponential);

/** The function a tagged activation calls. */
const underlying = new WeakMap<ActivationFunction, ActivationFunction>();

/** Wraps `fn` (never mutating a user's function) with the name it serializes to. */
function tag(fn: ActivationFunction, name: string): Activation {
  const wrapped = ((x: Tensor) => fn(x)) as ActivationFunction & { activationName: string };
  Object.defineProperty(wrapped, 'activationName', { value: name, enumerable: true });
  underlying.set(wrapped, underlying.get(fn) ?? fn);
  return wrapped;
}

const FUSABLE = new Map<ActivationFunction, FusedActivation>([
  [linear, 'linear'], [relu, 'relu'], [relu6, 'relu6'], [sigmoid, 'sigmoid'], [tanh, 'tanh'],
]);

/**
 * The activation's name among those a fused matMul or conv can apply itself, when it is one of the
 * built-in functions (by identity, so a user's function registered under 'relu' is never replaced), or null.
 */
export function fusableActivation(activation: ActivationFunction): FusedActivation | null {
  return FUSABLE.get(underlying.get(activation) ?? activation) ?? null;
}

/**
 * Resolves a layer's `activation` argument: a name (Keras's snake_case or camelCase: `'leaky_relu'`,
 * `'leakyRelu'`), a function (kept, named by its registration or its `name`), or null/undefined
 * (`linear`). An unknown name is an error listing the known ones.
 */
export function getActivation(identifier: string | ActivationFunction | null | undefined): Activation {
  if (identifier == null) return tag(linear, 'linear');
  if (typeof identifier === 'function') {
    if ('activationName' in identifier) return identifier as Activation;
    return tag(identifier, nameOf.get(identifier) ?? identifier.name);
  }
  const canonical = typeof identifier === 'string' ? aliases.get(identifier) : undefined;
  if (canonical === undefined) {
    throw new NeuriteError(
      `getActivation: unknown activation ${describeValue(identifier)}; known: ${[...aliases.keys()].sort().join(', ')}. Received: activation=${describeValue(identifier)}`,
    );
  }
  return tag(activationFunctions.get(canonical) as ActivationFunction, canonical);
}

/**
 * The name an activation serializes to (Keras's snake_case name for the built-ins). A function with no
 * registered name and no `name` (an anonymous arrow) cannot be serialized: register it first.
 */
export function serializeActivation(fn: ActivationFunction): string {
  if (typeof fn !== 'function') {
    throw new NeuriteError(`serializeActivation: fn must be a function. Received: fn=${describeValue(fn)}`);
  }
  const name = nameOf.get(fn) ?? (fn as Partial<Activation>).activationName ?? fn.name;
  if (!name) {
    throw new NeuriteError('serializeActivation: this function has no name; give it one with registerActivation(name, fn)');
  }
  return name;
}
