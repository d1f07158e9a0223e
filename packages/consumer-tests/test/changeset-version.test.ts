import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLISHED, workspaceRoot } from '../src/packages.js';

// `pnpm changeset version` on a copy of the workspace's manifests and pending changesets: what the next
// release would publish. The packages move in lockstep (one engine, one kernel contract), stay in 0.x
// (a minor peer bump must not turn into 1.0.0), and every internal range points at the new versions.

const copy = mkdtempSync(join(tmpdir(), 'neurite-changeset-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const manifest = (dir: string) => JSON.parse(readFileSync(join(copy, dir, 'package.json'), 'utf8'));

describe('changeset version', () => {
  it('bumps every published package to one new 0.x version, with changelogs, and keeps internal ranges satisfied', () => {
    for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset']) cpSync(join(workspaceRoot, file), join(copy, file), { recursive: true });
    for (const group of ['packages', 'apps']) {
      for (const dir of readdirSync(join(workspaceRoot, group))) {
        const from = join(workspaceRoot, group, dir, 'package.json');
        if (existsSync(from)) cpSync(from, join(copy, group, dir, 'package.json'));
      }
    }
    const pending = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    const before = manifest('packages/tensor').version as string;
    execFileSync(process.execPath, [join(workspaceRoot, 'node_modules/@changesets/cli/bin.js'), 'version'], { cwd: copy, stdio: 'pipe' });

    const versions = PUBLISHED.map(({ dir }) => manifest(`packages/${dir}`).version as string);
    if (pending.length === 0) {
      expect(versions.every((v) => v === before)).toBe(true);
      return;
    }
    expect(new Set(versions).size).toBe(1);
    const [next] = versions;
    expect(next).not.toBe(before);
    expect(next.startsWith('0.')).toBe(true);
    for (const { name, dir } of PUBLISHED) {
      const pkg = manifest(`packages/${dir}`);
      expect(existsSync(join(copy, 'packages', dir, 'CHANGELOG.md')), `${name} CHANGELOG.md`).toBe(true);
      for (const field of ['dependencies', 'peerDependencies']) {
        for (const [dep, range] of Object.entries((pkg[field] ?? {}) as Record<string, string>)) {
          if (dep === 'neurite' || dep.startsWith('@neurite/')) expect(range, `${name} ${field} ${dep}`).toMatch(/^workspace:/);
        }
      }
    }
    expect(readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')).toEqual([]);
  });
});
