import { NeuriteError, describeValue } from '@neurite/tensor';
import { Callback } from '../callbacks/index.js';
import { checkBatchSize, checkOptions, checkPositiveInt, checkVerbose } from './arguments.js';
import { checkClassWeight, type ClassWeight } from './class-weight.js';
import type { ModelData } from './data.js';

export interface FitArgs {
  /** Epochs to train (1). Training runs epochs initialEpoch..epochs-1. */
  epochs?: number;
  /** Samples per batch (32). */
  batchSize?: number;
  /** 0: silent, 1: progress bar (default), 2: one line per epoch. */
  verbose?: 0 | 1 | 2;
  callbacks?: Callback[] | Callback;
  /** Fraction of the data, taken from the end before shuffling, held out for validation (0). */
  validationSplit?: number;
  /** [xVal, yVal] to evaluate at the end of each epoch (overrides validationSplit). */
  validationData?: [ModelData, ModelData];
  /** Samples per validation batch (batchSize). */
  validationBatchSize?: number;
  /** Shuffle the training samples at each epoch (true). */
  shuffle?: boolean;
  /** Weight of each class in the loss (single-output models). */
  classWeight?: ClassWeight;
  /** Epoch to start from (0), for resuming. */
  initialEpoch?: number;
  /** Seed of the shuffling order; without it the order comes from the global generator (see setSeed). */
  seed?: number;
}

/** FitArgs with defaults applied and every value checked. */
export interface ResolvedFitArgs {
  epochs: number;
  batchSize: number;
  verbose: 0 | 1 | 2;
  callbacks: Callback[];
  validationSplit: number;
  validationData: [ModelData, ModelData] | null;
  validationBatchSize: number;
  shuffle: boolean;
  classWeight: ClassWeight | null;
  initialEpoch: number;
  seed: number | null;
}

const KNOWN = ['epochs', 'batchSize', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'validationBatchSize', 'shuffle', 'classWeight', 'initialEpoch', 'seed'];

/** Checks fit's options (Keras's defaults); every bad value is an error naming the option. */
export function resolveFitArgs(owner: string, args: FitArgs): ResolvedFitArgs {
  checkOptions(owner, args, KNOWN);
  const epochs = checkPositiveInt(owner, 'epochs', args.epochs ?? 1);
  const batchSize = checkBatchSize(owner, args.batchSize ?? 32);
  const verbose = checkVerbose(owner, args.verbose ?? 1);
  const list = args.callbacks === undefined ? [] : Array.isArray(args.callbacks) ? args.callbacks : [args.callbacks];
  list.forEach((c, i) => {
    if (!(c instanceof Callback)) throw new NeuriteError(`${owner}: callbacks[${i}] must be a Callback. Received: ${describeValue(c)}`);
  });
  const split = args.validationSplit ?? 0;
  if (typeof split !== 'number' || !(split >= 0 && split < 1)) {
    throw new NeuriteError(`${owner}: validationSplit must be a number in [0, 1). Received: validationSplit=${describeValue(split)}`);
  }
  const validationData = args.validationData ?? null;
  if (validationData !== null && (!Array.isArray(validationData) || validationData.length !== 2)) {
    throw new NeuriteError(`${owner}: validationData must be [xVal, yVal]. Received: validationData=${describeValue(validationData)}`);
  }
  const shuffle = args.shuffle ?? true;
  if (typeof shuffle !== 'boolean') throw new NeuriteError(`${owner}: shuffle must be a boolean. Received: shuffle=${describeValue(shuffle)}`);
  const initialEpoch = args.initialEpoch ?? 0;
  if (typeof initialEpoch !== 'number' || !Number.isSafeInteger(initialEpoch) || initialEpoch < 0 || initialEpoch >= epochs) {
    throw new NeuriteError(`${owner}: initialEpoch must be an integer in [0, epochs) = [0, ${epochs}). Received: initialEpoch=${describeValue(initialEpoch)}`);
  }
  const seed = args.seed ?? null;
  if (seed !== null && (typeof seed !== 'number' || !Number.isSafeInteger(seed))) {
    throw new NeuriteError(`${owner}: seed must be an integer. Received: seed=${describeValue(seed)}`);
  }
  return {
    epochs,
    batchSize,
    verbose,
    callbacks: list,
    validationSplit: split,
    validationData,
    validationBatchSize: args.validationBatchSize === undefined ? batchSize : checkPositiveInt(owner, 'validationBatchSize', args.validationBatchSize),
    shuffle,
    classWeight: args.classWeight === undefined ? null : checkClassWeight(owner, args.classWeight),
    initialEpoch,
    seed,
  };
}
