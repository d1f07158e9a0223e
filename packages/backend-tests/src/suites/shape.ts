import { describe } from 'vitest';
import type { BackendUnderTest } from '../harness.js';

/** Conformance tests of the 'shape' family, run once per backend. */
export function shapeSuite(env: BackendUnderTest): void {
  describe(`shape (${env.name})`, () => {});
}
