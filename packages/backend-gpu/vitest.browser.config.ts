import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { workspaceAliases } from '../../vitest.shared.js';

/**
 * The conformance suite in a real headless Chromium, on the GPU backend's browser-only modes:
 * `pnpm test:browser` (both), or `pnpm test:browser --project webgl2` / `--project webgpu`.
 *
 * Chromium is Debian's (`apt-get install chromium`), never a Playwright download: set
 * CHROMIUM_PATH to use another build. A mode that cannot start fails its whole file (the test
 * files' beforeAll asserts the mode), it is never skipped.
 */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without the networking flags Chromium floods the closed network with requests.
const baseArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // window.gc(), for the memory suite's garbage-collection test (Node runs it with --expose-gc).
  '--js-flags=--expose-gc',
];
// WebGPU on SwiftShader (no GPU on these machines).
const webgpuArgs = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader'];

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
