import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath as executablePath, webgpuArgs, workspaceAliases } from '../../vitest.shared.js';

/**
 * The browser tests, in a real headless Chromium (`pnpm test:browser`): training on the GPU backend's
 * WebGPU mode (the asynchronous-only backend that `fit` / `evaluate` must work on), and model files
 * saved and loaded in the page (h5wasm's browser build). Chromium and its flags: vitest.shared.ts
 * (WebGPU on SwiftShader here, no GPU); if WebGPU cannot start, the WebGPU test fails.
 */
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    setupFiles: ['test/setup-backends.ts'],
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      instances: [{ browser: 'chromium', name: 'webgpu', provider: playwright({ launchOptions: { executablePath, args: [...chromiumArgs, ...webgpuArgs] } }) }],
    },
  },
});
