// The weight options every built-in cell takes (kernel, recurrent kernel, bias) and their checks.
import type { Regularizer, RegularizerIdentifier } from '@neurite/regularizers';
import type { Constraint, ConstraintIdentifier } from '../../constraints/constraint.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/initializer.js';
import { getActivation, serializeActivation, type Activation, type ActivationFunction } from '../../activations/activation-registry.js';
import type { LayerConfig } from '../../engine/layer.js';
import {
  checkBoolean, checkPositiveInt, constraintConfig, initializerConfig, regularizerConfig, resolveConstraint,
  resolveInitializer, resolveRegularizer,
} from '../core/arguments.js';
import type { DropoutCellArgs } from './rnn-cell.js';

export interface CellWeightArgs extends DropoutCellArgs {
  /** Size of the state and of the output. */
  units: number;
  /** Applied to the candidate state and output ('tanh' by default). */
  activation?: string | ActivationFunction | null;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  recurrentInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  recurrentConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/** The keys of CellWeightArgs beyond LayerArgs (for `layerArgKeys`). */
export const CELL_WEIGHT_KEYS = {
  units: true, activation: true, useBias: true, kernelInitializer: true, recurrentInitializer: true, biasInitializer: true,
  kernelRegularizer: true, recurrentRegularizer: true, biasRegularizer: true, kernelConstraint: true, recurrentConstraint: true,
  biasConstraint: true, dropout: true, recurrentDropout: true, seed: true,
} as const;

/** The checked weight options of a cell. */
export interface CellWeightOptions {
  units: number;
  activation: Activation;
  useBias: boolean;
  kernelInitializer: Initializer;
  recurrentInitializer: Initializer;
  biasInitializer: Initializer;
  kernelRegularizer: Regularizer | null;
  recurrentRegularizer: Regularizer | null;
  biasRegularizer: Regularizer | null;
  kernelConstraint: Constraint | null;
  recurrentConstraint: Constraint | null;
  biasConstraint: Constraint | null;
}

export function readCellWeightArgs(cls: string, args: CellWeightArgs): CellWeightOptions {
  return {
    units: checkPositiveInt(cls, 'units', args?.units),
    activation: getActivation(args.activation === undefined ? 'tanh' : args.activation),
    useBias: checkBoolean(cls, 'useBias', args.useBias ?? true),
    kernelInitializer: resolveInitializer(cls, 'kernelInitializer', args.kernelInitializer, 'glorotUniform'),
    recurrentInitializer: resolveInitializer(cls, 'recurrentInitializer', args.recurrentInitializer, 'orthogonal'),
    biasInitializer: resolveInitializer(cls, 'biasInitializer', args.biasInitializer, 'zeros'),
    kernelRegularizer: resolveRegularizer(cls, 'kernelRegularizer', args.kernelRegularizer),
    recurrentRegularizer: resolveRegularizer(cls, 'recurrentRegularizer', args.recurrentRegularizer),
    biasRegularizer: resolveRegularizer(cls, 'biasRegularizer', args.biasRegularizer),
    kernelConstraint: resolveConstraint(cls, 'kernelConstraint', args.kernelConstraint),
    recurrentConstraint: resolveConstraint(cls, 'recurrentConstraint', args.recurrentConstraint),
    biasConstraint: resolveConstraint(cls, 'biasConstraint', args.biasConstraint),
  };
}

export function cellWeightConfig(o: CellWeightOptions): LayerConfig {
  return {
    units: o.units,
    activation: serializeActivation(o.activation),
    useBias: o.useBias,
    kernelInitializer: initializerConfig(o.kernelInitializer),
    recurrentInitializer: initializerConfig(o.recurrentInitializer),
    biasInitializer: initializerConfig(o.biasInitializer),
    kernelRegularizer: regularizerConfig(o.kernelRegularizer),
    recurrentRegularizer: regularizerConfig(o.recurrentRegularizer),
    biasRegularizer: regularizerConfig(o.biasRegularizer),
    kernelConstraint: constraintConfig(o.kernelConstraint),
    recurrentConstraint: constraintConfig(o.recurrentConstraint),
    biasConstraint: constraintConfig(o.biasConstraint),
  };
}
