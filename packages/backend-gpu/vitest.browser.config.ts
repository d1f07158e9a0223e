import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs as baseArgs, chromiumPath as executablePath, webgpuArgs, workspaceAliases } from '../../vitest.shared.js';

/**
 * The conformance suite in a real headless Chromium, on the GPU backend's browser-only modes:
 * `pnpm test:browser` (both), or `pnpm test:browser --project webgl2` / `--project webgpu`.
 *
 * Chromium and its flags: vitest.shared.ts. A mode that cannot start fails its whole file (the test
 * files' beforeAll asserts the mode), it is never skipped.
 */
export default defineConfig({
  resolve: { alias: workspaceAliases },
  // Pre-bundled once up front, so the page does not reload while tests run.
  optimizeDeps: { include: ['gpu.js', 'fast-check'] },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: one browser page at a time.
    fileParallelism: false,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      instances: [
        {
          browser: 'chromium',
          name: 'webgl2',
          include: ['test/browser/conformance-webgl2.test.ts'],
          provider: playwright({ launchOptions: { executablePath, args: baseArgs } }),
        },
        {
          browser: 'chromium',
          name: 'webgpu',
          include: ['test/browser/conformance-webgpu.test.ts'],
          provider: playwright({ launchOptions: { executablePath, args: [...baseArgs, ...webgpuArgs] } }),
        },
      ],
    },
  },
});
