import { defineConfig } from 'vitest/config';

// No aliases: everything here runs on packed tarballs installed by npm, outside the workspace.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 },
});
