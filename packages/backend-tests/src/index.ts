import { beforeAll, describe } from 'vitest';
import { setBackend } from '@neurite/tensor';
import type { BackendUnderTest } from './harness.js';
import { ALL_SUITES } from './suites/index.js';

export * from './harness.js';
export { ALL_SUITES };

/** Runs the whole conformance suite against one backend. */
export function runConformance(env: BackendUnderTest): void {
  describe(`conformance on '${env.name}'`, () => {
    beforeAll(async () => {
      await setBackend(env.name);
    });
    for (const suite of ALL_SUITES) suite(env);
  });
}
