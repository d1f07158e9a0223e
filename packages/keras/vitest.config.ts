import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { setupFiles: ['test/setup-backends.ts'], include: ['test/**/*.test.ts'], exclude: ['test/browser/**'], testTimeout: 300_000, hookTimeout: 300_000 },
});
