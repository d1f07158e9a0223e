import { describe } from 'vitest';
import type { BackendUnderTest } from '../harness.js';

/** Conformance tests of the 'memory' family, run once per backend. */
export function memorySuite(env: BackendUnderTest): void {
  describe(`memory (${env.name})`, () => {});
}
