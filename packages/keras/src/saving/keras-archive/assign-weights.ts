import { tensor, tidy } from '@neurite/tensor';
import type { LayerWeight } from '@neurite/layers';

/** One weight's new value, read and checked; nothing is assigned until every value of a file is. */
export interface WeightAssignment {
  weight: LayerWeight;
  shape: number[];
  values: Float32Array | Int32Array;
}

/** The dtype a weight's values must be read as. */
export function storageDType(weight: LayerWeight): 'float32' | 'int32' {
  return weight.variable.dtype === 'int32' ? 'int32' : 'float32';
}

/** Assigns every checked value (the shapes were compared before; this cannot fail half way on shapes). */
export function assignWeights(plan: WeightAssignment[]): void {
  for (const { weight, shape, values } of plan) {
    const value = tidy(() => {
      const t = tensor(values, shape, storageDType(weight));
      return weight.variable.dtype === t.dtype ? t : t.cast(weight.variable.dtype);
    });
    weight.assign(value);
    value.dispose();
  }
}
