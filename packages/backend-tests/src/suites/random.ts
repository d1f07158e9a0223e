import { describe } from 'vitest';
import type { BackendUnderTest } from '../harness.js';

/** Conformance tests of the 'random' family, run once per backend. */
export function randomSuite(env: BackendUnderTest): void {
  describe(`random (${env.name})`, () => {});
}
