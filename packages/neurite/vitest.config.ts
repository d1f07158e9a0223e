import { defineConfig } from 'vitest/config';

// No aliases to the sources: the packages below are imported as an app imports them, through their
// built dist (the test script builds this package first, for the child processes that import 'neurite').
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000 },
});
