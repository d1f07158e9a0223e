import { describe } from 'vitest';
import type { BackendUnderTest } from '../harness.js';

/** Conformance tests of the 'autodiff' family, run once per backend. */
export function autodiffSuite(env: BackendUnderTest): void {
  describe(`autodiff (${env.name})`, () => {});
}
