// Keras's `dtype` entry: a plain string ('float32', Keras 2 and Keras 3.1) or a dtype policy object
// ({ class_name: 'DTypePolicy', config: { name } }, Keras 3.2+; Keras 2 mixed precision wrote 'Policy').
import type { DType } from '@neurite/tensor';
import { isRecord, readError, warnOnce, type ReadContext } from './context.js';
import type { KerasFlavor } from './flavor.js';

const NEURITE_DTYPES: readonly string[] = ['float32', 'int32', 'bool'];
/** Float policies whose variables Keras keeps in float32 anyway: read as float32 (results differ in rounding only). */
const FLOAT_STAND_INS = ['float16', 'bfloat16', 'float64', 'mixed_float16', 'mixed_bfloat16'];
const POLICY_CLASSES = ['DTypePolicy', 'FloatDTypePolicy', 'Policy'];

export function readDType(ctx: ReadContext, value: unknown): DType | undefined {
  if (value == null) return undefined;
  let name: unknown = value;
  if (isRecord(value)) {
    const cls = value.class_name;
    if (typeof cls !== 'string' || !POLICY_CLASSES.includes(cls)) {
      // Quantized policies (int8, float8) store other weights and compute otherwise.
      throw readError(ctx, `dtype policy ${JSON.stringify(cls)} is not supported; only ${POLICY_CLASSES.join(', ')} (float32, int32, bool)`);
    }
    name = isRecord(value.config) ? value.config.name : undefined;
  }
  if (typeof name !== 'string') throw readError(ctx, `dtype must be a string or a dtype policy. Received: dtype=${JSON.stringify(value)}`);
  if (NEURITE_DTYPES.includes(name)) return name as DType;
  if (FLOAT_STAND_INS.includes(name)) {
    warnOnce(`${ctx.source}: dtype '${name}' is read as float32 (Neurite computes in float32 only)`);
    return 'float32';
  }
  throw readError(ctx, `dtype '${name}' is not supported; Neurite has ${NEURITE_DTYPES.join(', ')}`);
}

/** Keras 3 writes a layer's dtype as a policy object; Keras 2 / TensorFlow.js as the plain name. */
export function writeDType(dtype: string, flavor: KerasFlavor): unknown {
  if (flavor === 'tfjs') return dtype;
  return { module: 'keras', class_name: 'DTypePolicy', config: { name: dtype }, registered_name: null };
}
