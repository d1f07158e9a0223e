// The objects nested in a layer's config: initializers, regularizers, constraints and activations, read
// into Neurite instances (so a bad one is reported with its layer and key) and written in either flavor.
import { NeuriteError } from '@neurite/tensor';
import {
  Constraint, Initializer, getActivation, getConstraint, getInitializer, type ActivationFunction,
} from '@neurite/layers';
import { Regularizer, getRegularizer, L1L2, type RegularizerConfig } from '@neurite/regularizers';
import { camelToSnake, mapKeys, snakeToCamel } from './case.js';
import { isRecord, readError, withContext, type ReadContext } from './context.js';
import { constructLeniently } from './lenient.js';
import type { KerasFlavor } from './flavor.js';

type Kind = 'initializer' | 'regularizer' | 'constraint';

/** TensorFlow.js spells two initializers differently. */
const CLASS_ALIASES: Record<string, string> = { LeCunNormal: 'LecunNormal', LeCunUniform: 'LecunUniform' };
const TFJS_CLASS_NAMES: Record<string, string> = { LecunNormal: 'LeCunNormal', LecunUniform: 'LeCunUniform' };

/** The classes Neurite ships, written with Keras's module name (anything else is a custom object). */
const BUILT_IN: Record<Kind, readonly string[]> = {
  initializer: [
    'Zeros', 'Ones', 'Constant', 'RandomNormal', 'RandomUniform', 'TruncatedNormal', 'VarianceScaling', 'GlorotUniform',
    'GlorotNormal', 'HeNormal', 'HeUniform', 'LecunNormal', 'LecunUniform', 'Orthogonal',
  ],
  regularizer: ['L1', 'L2', 'L1L2', 'OrthogonalRegularizer'],
  constraint: ['MaxNorm', 'MinMaxNorm', 'NonNeg', 'UnitNorm'],
};
const MODULES: Record<Kind, string> = {
  initializer: 'keras.initializers',
  regularizer: 'keras.regularizers',
  constraint: 'keras.constraints',
};
const BASES: Record<Kind, abstract new (...args: never[]) => unknown> = {
  initializer: Initializer,
  regularizer: Regularizer,
  constraint: Constraint,
};

function customClass(ctx: ReadContext, names: unknown[]): ((new (args: unknown) => unknown) & { fromConfig?: unknown }) | undefined {
  for (const name of names) {
    if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(ctx.customObjects, name)) {
      return ctx.customObjects[name] as never;
    }
  }
  return undefined;
}

/** `{ class_name, config }` (or a bare name) -> an instance; null/undefined -> undefined (the default). */
function readObject(ctx: ReadContext, kind: Kind, key: string, value: unknown): unknown {
  if (value == null) return undefined;
  let className: unknown = value;
  let config: Record<string, unknown> = {};
  let registered: unknown;
  if (isRecord(value)) {
    className = value.class_name ?? value.className;
    registered = value.registered_name;
    if (value.config != null && !isRecord(value.config)) {
      throw readError(ctx, `${key}: the ${kind}'s config must be an object. Received: ${JSON.stringify(value.config)}`);
    }
    config = (value.config as Record<string, unknown>) ?? {};
  }
  if (typeof className !== 'string') throw readError(ctx, `${key} must be a ${kind} name or { class_name, config }. Received: ${JSON.stringify(value)}`);
  const custom = customClass(ctx, [registered, className]);
  if (custom) {
    const instance = withContext(ctx, () => new custom(mapKeys(config, snakeToCamel)));
    if (!(instance instanceof BASES[kind])) {
      throw readError(ctx, `${key}: customObjects['${className}'] must make a ${kind} (a subclass of Neurite's ${BASES[kind].name})`);
    }
    return instance;
  }
  const name = CLASS_ALIASES[className] ?? className;
  const camel = mapKeys(config, snakeToCamel);
  // Keras 2 and TensorFlow.js wrote 'normal' for what Keras 3 calls 'truncated_normal'.
  if (name === 'VarianceScaling' && camel.distribution === 'normal') camel.distribution = 'truncated_normal';
  const make = (c: Record<string, unknown>): unknown => {
    if (kind === 'initializer') return getInitializer({ className: name, config: c }, key);
    if (kind === 'constraint') return getConstraint({ className: name, config: c }, key);
    return getRegularizer({ className: name, config: c as RegularizerConfig });
  };
  return withContext(ctx, () => {
    try {
      // a config key from another Keras version: ignored at a neutral value, an error otherwise
      return constructLeniently(ctx, name, camel, make, key);
    } catch (error) {
      const known = BUILT_IN[kind].includes(name) || typeof value === 'string';
      if (known || (error as Error).message.startsWith(`${ctx.source}:`)) throw error;
      throw readError(ctx, `${key}: unknown ${kind} class '${className}'; pass it in customObjects`);
    }
  });
}

export function readInitializer(ctx: ReadContext, key: string, value: unknown): Initializer | undefined {
  return readObject(ctx, 'initializer', key, value) as Initializer | undefined;
}

export function readRegularizer(ctx: ReadContext, key: string, value: unknown): Regularizer | null {
  return (readObject(ctx, 'regularizer', key, value) as Regularizer | undefined) ?? null;
}

export function readConstraint(ctx: ReadContext, key: string, value: unknown): Constraint | null {
  return (readObject(ctx, 'constraint', key, value) as Constraint | undefined) ?? null;
}

/** A Neurite `{ className, config }` in the flavor's form. */
function writeObject(kind: Kind, serialized: unknown, flavor: KerasFlavor): unknown {
  if (serialized == null) return null;
  const { className, config } = serialized as { className: string; config: Record<string, unknown> };
  let name = className;
  let snake = mapKeys(config ?? {}, camelToSnake);
  if (flavor === 'tfjs') {
    name = TFJS_CLASS_NAMES[className] ?? className;
    // TensorFlow.js has only L1L2 (its l1() and l2() make one), so L1 and L2 are written as L1L2.
    if (kind === 'regularizer' && (className === 'L1' || className === 'L2')) {
      name = L1L2.className;
      snake = { l1: snake.l1 ?? 0, l2: snake.l2 ?? 0 };
    }
    return { class_name: name, config: snake };
  }
  const builtIn = BUILT_IN[kind].includes(className);
  return { module: builtIn ? MODULES[kind] : null, class_name: name, config: snake, registered_name: builtIn ? null : className };
}

export const writeInitializer = (s: unknown, flavor: KerasFlavor): unknown => writeObject('initializer', s, flavor);
export const writeRegularizer = (s: unknown, flavor: KerasFlavor): unknown => writeObject('regularizer', s, flavor);
export const writeConstraint = (s: unknown, flavor: KerasFlavor): unknown => writeObject('constraint', s, flavor);

/**
 * An activation: Keras's name ('relu', 'swish'), or Keras 3's `{ class_name: 'function', config: name }`
 * for a registered function. Code (`__lambda__`) is refused. Returns the name or function Neurite takes.
 */
export function readActivation(ctx: ReadContext, key: string, value: unknown): string | ActivationFunction | undefined {
  if (value == null) return undefined;
  let name: unknown = value;
  if (isRecord(value)) {
    if (value.class_name === '__lambda__') {
      throw readError(ctx, `${key} is a Python lambda; Neurite never runs code from a file. Register the function with registerActivation(name, fn) and save it by name`);
    }
    if (value.class_name !== 'function') throw readError(ctx, `${key} must be an activation name. Received: ${JSON.stringify(value)}`);
    name = value.config;
  }
  if (typeof name !== 'string') throw readError(ctx, `${key} must be an activation name. Received: ${JSON.stringify(value)}`);
  // Keras 2 and TensorFlow.js: clip(0.2x + 0.5); Keras 3 (and Neurite's hard_sigmoid): relu6(x + 3) / 6.
  if (ctx.legacy && name === 'hard_sigmoid') return 'legacy_hard_sigmoid';
  const custom = customClass(ctx, [name]);
  if (custom) return custom as unknown as ActivationFunction;
  withContext(ctx, () => getActivation(name as string));
  return name;
}

/** TensorFlow.js knows Keras 3's silu as swish and has Keras 2's hard_sigmoid (Neurite's legacy_hard_sigmoid). */
export function writeActivation(name: string, flavor: KerasFlavor, layerName: string): string {
  if (flavor !== 'tfjs') {
    if (name === 'legacy_hard_sigmoid') {
      throw new NeuriteError(`${layerName}: legacy_hard_sigmoid (Keras 2's hard_sigmoid, slope 0.2) has no Keras 3 name; save this model in the TensorFlow.js format, or use 'hard_sigmoid' (slope 1/6) or 'sigmoid'`);
    }
    return name;
  }
  if (name === 'legacy_hard_sigmoid') return 'hard_sigmoid';
  if (name === 'silu') return 'swish';
  if (name === 'hard_sigmoid') {
    throw new NeuriteError(`${layerName}: TensorFlow.js's hardSigmoid (slope 0.2) is not Neurite's hard_sigmoid (slope 1/6); this layer cannot be written for TensorFlow.js`);
  }
  return name;
}
