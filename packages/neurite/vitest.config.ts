import { defineConfig } from 'vitest/config';

// No aliases to the sources: these tests import the packages as an app does, through their built dist.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000 },
});
