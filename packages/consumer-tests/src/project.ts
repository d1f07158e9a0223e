import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * The GPU backend is packed and linted but not installed: gpu.js brings headless-gl, which npm would
 * build from source for minutes; its own tests cover it.
 */
export const NOT_INSTALLED = new Set(['@neurite/backend-gpu']);

/**
 * A consumer's project in `dir`, outside the workspace: the fixtures' scripts, the downstream library
 * `neurite-extras` in ./extras, and every tarball installed with npm. Overrides point the packages'
 * dependencies on one another at the tarballs too, as the registry would serve them.
 */
export function makeConsumerProject(dir: string, tarballs: Map<string, string>): void {
  mkdirSync(dir, { recursive: true });
  cpSync(join(fixtures, 'consumer'), dir, { recursive: true });
  cpSync(join(fixtures, 'downstream'), join(dir, 'extras'), { recursive: true, filter: (src) => !src.includes('/dist') });
  const installed = [...tarballs].filter(([name]) => !NOT_INSTALLED.has(name));
  const fileSpecs = Object.fromEntries(installed.map(([name, file]) => [name, `file:${file}`]));
  const manifest = {
    name: 'neurite-consumer',
    private: true,
    type: 'module',
    dependencies: { ...fileSpecs, 'neurite-extras': 'file:./extras' },
    overrides: fileSpecs,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'pipe', env: { ...process.env, npm_config_workspaces: 'false' } });
}

/** Runs the TypeScript compiler (the workspace's) on a tsconfig; returns its output, throws on errors. */
export function typecheck(project: string): string {
  try {
    return execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${project} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** Runs a script of the consumer project in a fresh Node and parses the JSON it prints last. */
export function runScript(dir: string, script: string): Record<string, any> {
  let out: string[];
  try {
    out = execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8', stdio: 'pipe' }).trim().split('\n');
  } catch (e) {
    throw new Error(`node ${script} failed:\n${(e as { stderr?: string }).stderr ?? e}`);
  }
  return JSON.parse(out[out.length - 1]);
}
