import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

export default defineConfig({
  resolve: { alias: { ...workspaceAliases, '@neurite/backend-wasm': new URL('./src/index.ts', import.meta.url).pathname } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**'],
    testTimeout: 120_000,
    // the memory suite checks the garbage-collection safety net
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
