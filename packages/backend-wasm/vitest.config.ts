import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

export default defineConfig({
  resolve: { alias: { ...workspaceAliases, '@neurite/backend-wasm': new URL('./src/index.ts', import.meta.url).pathname } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**'],
    testTimeout: 120_000,
    // the memory suite checks the garbage-collection safety net; Node 20 runs relaxed SIMD behind a flag
    // (on by default from Node 22), so that both builds of the kernels are tested here
    pool: 'forks',
    execArgv: ['--expose-gc', '--experimental-wasm-relaxed-simd'],
  },
});
