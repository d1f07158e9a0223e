// The generic layer test, in the spirit of Keras's `run_layer_test`: one call checks a layer's output
// shape, weights, losses, serialization round trip and tensor bookkeeping.
import { expect } from 'vitest';
import { memory, randomUniform, type DType, type Tensor } from '@neurite/tensor';
import { getLayerClass, type Layer, type LayerClass, type LayerShape } from '../src/index.js';

export interface LayerTestOptions {
  /** Makes a fresh layer (called once; the clone comes from its config). */
  layer: () => Layer;
  /** The concrete input shape, batch axis included. */
  inputShape: number[];
  /** The output shape expected for that input, batch axis included. */
  expectedOutputShape: number[];
  expectedNumTrainableWeights: number;
  expectedNumNonTrainableWeights: number;
  /** How many tensors `layer.losses` holds after the call; not checked when left out. */
  expectedNumLosses?: number;
  /** Passed to `apply` (default false). */
  training?: boolean;
  /** 'float32' (default, uniform in [-1, 1)) or 'int32' (integers in [0, 10)). */
  inputDType?: DType;
  /**
   * Whether the clone rebuilt from the config, given the original's weights, must give the same output
   * (default true). Set false for layers whose training output is random without a seed.
   */
  compareClone?: boolean;
  /** Extra checks on the output (still alive when called), e.g. values against a reference. */
  customCheck?: (output: Tensor, layer: Layer, input: Tensor) => void;
}

/** What the harness measured, for tests that want to assert more. */
export interface LayerTestResult {
  outputShape: number[];
  config: Record<string, unknown>;
}

let seedCounter = 0;

function makeInput(shape: number[], dtype: DType): Tensor {
  // A different seed per call so that layers are not all tested on the same numbers.
  const seed = 1000 + seedCounter++;
  if (dtype === 'int32') return randomUniform(shape, { min: 0, max: 10, seed, dtype: 'int32' });
  return randomUniform(shape, { min: -1, max: 1, seed });
}

function withNullBatch(shape: readonly (number | null)[]): LayerShape {
  return [null, ...shape.slice(1)];
}

/**
 * Builds `options.layer()` on a random input and checks: the output shape (against `expectedOutputShape`
 * and `computeOutputShape`, also with a null batch), the trainable / non-trainable weight counts, the number
 * of losses, that the class is registered and `getConfig` is plain JSON, that `fromConfig(getConfig())`
 * rebuilds a layer with an equal config that (with the weights copied by `setWeights`) gives equal outputs,
 * and that no tensor leaks: afterwards only the layers' own weights (and activity penalties) remain, and
 * nothing after the layers are disposed.
 */
export function runLayerTest(options: LayerTestOptions): LayerTestResult {
  const {
    inputShape, expectedOutputShape, expectedNumTrainableWeights, expectedNumNonTrainableWeights,
    expectedNumLosses, training = false, inputDType = 'float32', compareClone = true, customCheck,
  } = options;
  const before = memory().numTensors;
  const layer = options.layer();
  const name = `${layer.className} ${JSON.stringify(inputShape)}`;
  const input = makeInput(inputShape, inputDType);

  const output = layer.apply(input, { training });
  expect([...output.shape], `${name}: output shape`).toEqual(expectedOutputShape);
  expect(layer.computeOutputShape([...inputShape]), `${name}: computeOutputShape`).toEqual(expectedOutputShape);
  expect(layer.computeOutputShape(withNullBatch(inputShape)), `${name}: computeOutputShape with a null batch`).toEqual(
    withNullBatch(expectedOutputShape),
  );
  expect(layer.built, `${name}: built`).toBe(true);
  expect(layer.trainableWeights.length, `${name}: trainable weights`).toBe(expectedNumTrainableWeights);
  expect(layer.nonTrainableWeights.length, `${name}: non-trainable weights`).toBe(expectedNumNonTrainableWeights);

  const losses = layer.losses;
  if (expectedNumLosses !== undefined) expect(losses.length, `${name}: losses`).toBe(expectedNumLosses);
  for (const loss of losses) {
    expect(loss.rank, `${name}: a loss is a scalar`).toBe(0);
    loss.dispose();
  }
  customCheck?.(output, layer, input);

  // Serialization: registered, plain JSON, and fromConfig gives an equal layer.
  const cls = layer.constructor as LayerClass;
  expect(getLayerClass(layer.className), `${name}: registered under its className`).toBe(cls);
  const config = layer.getConfig();
  expect(JSON.parse(JSON.stringify(config)), `${name}: config is plain JSON`).toEqual(config);
  const clone = (cls as unknown as { fromConfig(c: Record<string, unknown>): Layer }).fromConfig(
    JSON.parse(JSON.stringify(config)),
  );
  expect(clone.className).toBe(layer.className);
  expect(clone.getConfig(), `${name}: fromConfig(getConfig()) config`).toEqual(config);

  // Build the clone without calling it (a seeded layer's first call then draws what the original's did).
  clone.build([...input.shape]);
  clone.built = true;
  expect(clone.weights.map((w) => [...w.shape]), `${name}: clone weight shapes`).toEqual(layer.weights.map((w) => [...w.shape]));
  const values = layer.getWeights();
  clone.setWeights(values);
  values.forEach((v) => v.dispose());
  if (compareClone) {
    const cloneOutput = clone.apply(input, { training });
    expect([...cloneOutput.shape]).toEqual([...output.shape]);
    const a = Array.from(output.dataSync());
    const b = Array.from(cloneOutput.dataSync());
    const worst = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(worst, `${name}: clone output differs by up to ${worst}`).toBeLessThanOrEqual(1e-5);
    cloneOutput.dispose();
  }

  // Apart from the layers' weights (and each one's last activity penalty), nothing remains.
  input.dispose();
  output.dispose();
  const owned = (l: Layer) => l.weights.length + (l.activityRegularizer && (l === layer || compareClone) ? 1 : 0);
  expect(memory().numTensors - before, `${name}: tensors left besides the layers' weights`).toBe(owned(layer) + owned(clone));
  const result = { outputShape: [...expectedOutputShape], config };
  layer.dispose();
  clone.dispose();
  expect(memory().numTensors, `${name}: tensors left after disposing the layers`).toBe(before);
  return result;
}
