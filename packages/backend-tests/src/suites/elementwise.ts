import { describe } from 'vitest';
import type { BackendUnderTest } from '../harness.js';

/** Conformance tests of the 'elementwise' family, run once per backend. */
export function elementwiseSuite(env: BackendUnderTest): void {
  describe(`elementwise (${env.name})`, () => {});
}
