import type { BackendUnderTest } from '../harness.js';
import { autodiffSuite } from './autodiff.js';
import { convSuite } from './conv.js';
import { coreSuite } from './core.js';
import { elementwiseSuite } from './elementwise.js';
import { fusedSuite } from './fused.js';
import { linalgSuite } from './linalg.js';
import { longSuite } from './long.js';
import { memorySuite } from './memory.js';
import { opHygieneSuite } from './op-hygiene.js';
import { opOptionsSuite } from './op-options.js';
import { randomSuite } from './random.js';
import { reductionSuite } from './reduction.js';
import { shapeSuite } from './shape.js';

/** Every suite of the conformance run, in order. */
export const ALL_SUITES: ((env: BackendUnderTest) => void)[] = [
  coreSuite,
  elementwiseSuite,
  reductionSuite,
  shapeSuite,
  linalgSuite,
  convSuite,
  fusedSuite,
  randomSuite,
  longSuite,
  autodiffSuite,
  memorySuite,
  opHygieneSuite,
  opOptionsSuite,
];
