import { describe } from 'vitest';
import type { BackendUnderTest } from '../harness.js';

/** Conformance tests of the 'reduction' family, run once per backend. */
export function reductionSuite(env: BackendUnderTest): void {
  describe(`reduction (${env.name})`, () => {});
}
