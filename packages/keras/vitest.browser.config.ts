import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { workspaceAliases } from '../../vitest.shared.js';

/**
 * Training on the GPU backend's WebGPU mode in a real headless Chromium (`pnpm test:browser`): the
 * asynchronous-only backend that `fit` / `evaluate` must work on. Chromium is Debian's
 * (`apt-get install chromium`, see scripts/setup.sh), never a Playwright download; CHROMIUM_PATH picks
 * another build. WebGPU runs on SwiftShader here (no GPU); if it cannot start, the test fails.
 */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const args = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
];

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      instances: [{ browser: 'chromium', name: 'webgpu', provider: playwright({ launchOptions: { executablePath, args } }) }],
    },
  },
});
