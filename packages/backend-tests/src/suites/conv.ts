import { describe } from 'vitest';
import type { BackendUnderTest } from '../harness.js';

/** Conformance tests of the 'conv' family, run once per backend. */
export function convSuite(env: BackendUnderTest): void {
  describe(`conv (${env.name})`, () => {});
}
