import { defineConfig } from 'vitest/config';

// Unit tests run in Node on the packages' built dist (as the app's bundle does); the end-to-end tests
// (test/e2e) open the built app (`vite build`, done by this package's test script) in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
