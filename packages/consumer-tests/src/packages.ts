import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Every published package: its name and its folder under packages/. */
export const PUBLISHED = [
  { name: 'neurite', dir: 'neurite' },
  { name: '@neurite/tensor', dir: 'tensor' },
  { name: '@neurite/backend-cpu', dir: 'backend-cpu' },
  { name: '@neurite/backend-wasm', dir: 'backend-wasm' },
  { name: '@neurite/backend-gpu', dir: 'backend-gpu' },
  { name: '@neurite/regularizers', dir: 'regularizers' },
  { name: '@neurite/layers', dir: 'layers' },
  { name: '@neurite/keras', dir: 'keras' },
  { name: '@neurite/datasets', dir: 'datasets' },
] as const;

export type Published = (typeof PUBLISHED)[number];

/**
 * `pnpm pack` of each package into `destination`, as `pnpm publish` would pack it (workspace: ranges
 * replaced by versions). The packages are already built (turbo builds dependencies before a test), so
 * the prepack build is skipped here. Returns each package's tarball path.
 */
export function packAll(destination: string): Map<string, string> {
  const tarballs = new Map<string, string>();
  for (const pkg of PUBLISHED) {
    const before = new Set(readdirSync(destination));
    execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: join(workspaceRoot, 'packages', pkg.dir),
      env: { ...process.env, npm_config_ignore_scripts: 'true' },
      stdio: 'pipe',
    });
    const created = readdirSync(destination).filter((f) => !before.has(f) && f.endsWith('.tgz'));
    if (created.length !== 1) throw new Error(`pnpm pack of ${pkg.name} made ${created.length} tarballs`);
    tarballs.set(pkg.name, join(destination, created[0]));
  }
  return tarballs;
}
