import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs as args, chromiumPath as executablePath, workspaceAliases } from '../../vitest.shared.js';

/**
 * The conformance suite in a real headless Chromium, on the wasm backend with two threads (Web Workers
 * on a shared memory). Threads need a cross-origin isolated page, so the test server sends the COOP and
 * COEP headers. Chromium has relaxed SIMD, so this is also the run of the relaxed-SIMD build.
 */
export default defineConfig({
  resolve: { alias: { ...workspaceAliases, '@neurite/backend-wasm': new URL('./src/index.ts', import.meta.url).pathname } },
  server: {
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
  optimizeDeps: { include: ['fast-check'] },
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      instances: [{ browser: 'chromium', provider: playwright({ launchOptions: { executablePath, args } }) }],
    },
  },
});
