import { fileURLToPath } from 'node:url';

/**
 * Tests import workspace packages from their sources, so a test run needs no build and every package
 * shares one engine instance.
 */
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export const workspaceAliases = {
  '@neurite/tensor': src('tensor'),
  '@neurite/backend-cpu': src('backend-cpu'),
  '@neurite/backend-gpu': src('backend-gpu'),
  '@neurite/regularizers': src('regularizers'),
  '@neurite/layers': src('layers'),
  '@neurite/keras': src('keras'),
  '@neurite/datasets': src('datasets'),
};
