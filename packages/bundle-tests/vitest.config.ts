import { defineConfig } from 'vitest/config';

// No workspace aliases here: the bundles are made from the packages' built dist, as an app's bundler
// sees them (turbo builds the dependencies before this package's tests).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000 },
});
