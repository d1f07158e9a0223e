import { describe } from 'vitest';
import type { BackendUnderTest } from '../harness.js';

/** Conformance tests of the 'linalg' family, run once per backend. */
export function linalgSuite(env: BackendUnderTest): void {
  describe(`linalg (${env.name})`, () => {});
}
