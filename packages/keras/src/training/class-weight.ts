import { NeuriteError, tensor, tidy, type Tensor, describeValue } from '@neurite/tensor';

/** Weights by class index (`{ 0: 1, 1: 5 }`); classes left out weigh 1, as in Keras. */
export type ClassWeight = Record<number, number>;

/** Checks `classWeight`: integer class keys >= 0, finite weights >= 0. */
export function checkClassWeight(owner: string, classWeight: unknown): ClassWeight {
  if (classWeight === null || typeof classWeight !== 'object' || Array.isArray(classWeight)) {
    throw new NeuriteError(`${owner}: classWeight must be a record { classIndex: weight }. Received: classWeight=${describeValue(classWeight)}`);
  }
  for (const [key, w] of Object.entries(classWeight)) {
    if (!/^\d+$/.test(key)) throw new NeuriteError(`${owner}: classWeight keys must be class indices (integers >= 0). Received: key '${key}'`);
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new NeuriteError(`${owner}: classWeight[${key}] must be a finite number >= 0. Received: ${describeValue(w)}`);
    }
  }
  return classWeight as ClassWeight;
}

/**
 * Per-sample weights [n] from class weights: the class of a sample is the argmax of a one-hot (or
 * probability) row, or the label itself for class indices ([n] or [n, 1]). Reads y with `await data()`.
 */
export async function sampleWeightsFromClasses(classWeight: ClassWeight, y: Tensor): Promise<Tensor> {
  const n = y.shape[0];
  const perRow = n === 0 ? 0 : y.size / n;
  const values = await y.data();
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let cls: number;
    if (perRow > 1) {
      cls = 0;
      for (let k = 1; k < perRow; k++) if (values[i * perRow + k] > values[i * perRow + cls]) cls = k;
    } else {
      cls = Math.round(values[i]);
    }
    weights[i] = classWeight[cls] ?? 1;
  }
  return tidy(() => tensor(weights, [n], 'float32'));
}
