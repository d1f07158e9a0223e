// The playground's whole state: what the controls show, what the URL carries, what a run is made of.

export const DATASETS = ['circle', 'xor', 'gaussians', 'spiral', 'mnist'] as const;
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'linear'] as const;
export const REGULARIZERS = ['none', 'l1', 'l2', 'l1l2'] as const;
export const TARGETS = ['kernel', 'bias', 'activity'] as const;
export const NOISES = ['none', 'dropout', 'spatialDropout', 'gaussianDropout', 'gaussianNoise', 'alphaDropout'] as const;
export const SCALINGS = ['inverted', 'inference'] as const;
export const OPTIMIZERS = ['sgd', 'adam', 'adamw'] as const;
export const BACKENDS = ['auto', 'webgpu', 'webgl2', 'wasm', 'cpu'] as const;
export const ARCHITECTURES = ['mlp', 'cnn'] as const;

export type DatasetName = (typeof DATASETS)[number];
export type ActivationName = (typeof ACTIVATIONS)[number];
export type RegularizerKind = (typeof REGULARIZERS)[number];
export type RegularizerTarget = (typeof TARGETS)[number];
export type NoiseKind = (typeof NOISES)[number];
export type DropoutScaling = (typeof SCALINGS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type BackendChoice = (typeof BACKENDS)[number];
export type Architecture = (typeof ARCHITECTURES)[number];

/** One hidden layer: its units, the regularizer on it and the noise layer after it. */
export interface HiddenLayer {
  units: number;
  regularizer: RegularizerKind;
  /** Factor of L1 (used by 'l1' and 'l1l2'). */
  l1: number;
  /** Factor of L2 (used by 'l2' and 'l1l2'). */
  l2: number;
  target: RegularizerTarget;
  noise: NoiseKind;
  /** Dropout rate, or GaussianNoise's standard deviation. */
  rate: number;
  scaling: DropoutScaling;
}

export interface PlaygroundState {
  dataset: DatasetName;
  /** Label noise for the 2-D sets: the standard deviation added to the points. */
  noise: number;
  /** Samples (2-D sets) or digits (MNIST) in all, split into train and test. */
  size: number;
  /** Fraction of the samples held out for testing. */
  testFraction: number;
  /** MNIST only: an MLP on the 784 pixels or a small convnet. */
  architecture: Architecture;
  layers: HiddenLayer[];
  activation: ActivationName;
  optimizer: OptimizerName;
  learningRate: number;
  /** AdamW's decoupled weight decay. */
  weightDecay: number;
  batchSize: number;
  /** Seeds the data, the initial weights, the batch order and the noise masks. */
  seed: number;
  backend: BackendChoice;
}

export const DEFAULT_LAYER: HiddenLayer = {
  units: 64, regularizer: 'l2', l1: 0.001, l2: 0.003, target: 'kernel', noise: 'dropout', rate: 0.4, scaling: 'inverted',
};

export const DEFAULT_STATE: PlaygroundState = {
  // A small, noisy set and a large network: the plain one overfits visibly within a minute.
  dataset: 'circle',
  noise: 0.3,
  size: 120,
  testFraction: 0.5,
  architecture: 'mlp',
  layers: [{ ...DEFAULT_LAYER }, { ...DEFAULT_LAYER }],
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.01,
  weightDecay: 0.004,
  batchSize: 16,
  seed: 1,
  backend: 'auto',
};

/** The limits of every number the controls and the URL accept: [min, max, integer?]. */
export const LIMITS = {
  noise: [0, 1, false],
  size: [40, 10000, true],
  testFraction: [0.1, 0.9, false],
  learningRate: [0, 1, false],
  weightDecay: [0, 1, false],
  batchSize: [1, 1024, true],
  seed: [0, 2 ** 31 - 1, true],
  units: [1, 256, true],
  l1: [0, 1, false],
  l2: [0, 1, false],
  rate: [0, 0.95, false],
  layers: [0, 4, true],
} as const satisfies Record<string, readonly [number, number, boolean]>;

/** Whether `value` is a number the limit of `name` accepts. */
export function withinLimits(name: keyof typeof LIMITS, value: number): boolean {
  const [min, max, integer] = LIMITS[name];
  return Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
}

/** The model without what the playground studies: no regularizer, no noise layer, same everything else. */
export function plainLayers(layers: HiddenLayer[]): HiddenLayer[] {
  return layers.map((l) => ({ ...l, regularizer: 'none', noise: 'none' }));
}

/** Whether the run compares anything: some layer has a regularizer or a noise layer. */
export function isRegularized(state: PlaygroundState): boolean {
  return state.layers.some((l) => l.regularizer !== 'none' || l.noise !== 'none');
}

export function cloneState(state: PlaygroundState): PlaygroundState {
  return { ...state, layers: state.layers.map((l) => ({ ...l })) };
}
