import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED, packAll } from '../src/packages.js';
import { makeConsumerProject, runScript, typecheck } from '../src/project.js';

// The packages as a consumer gets them: packed as `pnpm publish` packs them, installed with npm into a
// project outside the workspace, used from ESM, CommonJS and TypeScript, and built upon by a library.

let work: string;
let app: string;
let tarballs: Map<string, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'neurite-consumer-'));
  tarballs = packAll(mkdtempSync(join(work, 'tarballs-')));
  app = join(work, 'app');
  makeConsumerProject(app, tarballs);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The paths in a tarball (ustar headers: a name in the first 100 bytes of each 512-byte header). */
function tarPaths(file: string): string[] {
  const tar = gunzipSync(readFileSync(file));
  const paths: string[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = tar.subarray(at, at + 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const prefix = tar.subarray(at + 345, at + 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(tar.subarray(at + 124, at + 136).toString('utf8').trim() || '0', 8);
    paths.push(prefix ? `${prefix}/${name}` : name);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return paths;
}

describe('the packed packages', () => {
  it('hold dist (with sources in the maps), the README and the LICENSE, and no workspace: ranges', () => {
    for (const { name } of PUBLISHED) {
      const file = tarballs.get(name)!;
      const paths = tarPaths(file);
      expect(paths, name).toContain('package/package.json');
      expect(paths, name).toContain('package/README.md');
      expect(paths, name).toContain('package/LICENSE');
      expect(paths, name).toContain('package/dist/index.js');
      expect(paths, name).toContain('package/dist/index.d.ts');
      expect(paths.filter((p) => /^package\/(src|test)\//.test(p)), name).toEqual([]);
      const manifest = execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' });
      expect(manifest, name).not.toMatch(/workspace:/);
      const pkg = JSON.parse(manifest);
      for (const key of ['repository', 'homepage', 'bugs', 'keywords', 'engines', 'license']) expect(pkg[key], `${name} ${key}`).toBeDefined();
      const map = JSON.parse(execFileSync('tar', ['-xzOf', file, 'package/dist/index.js.map'], { encoding: 'utf8' }));
      expect(map.sourcesContent?.length, `${name} source map`).toBe(map.sources.length);
      const readme = execFileSync('tar', ['-xzOf', file, 'package/README.md'], { encoding: 'utf8' });
      expect(readme.match(/\]\((?!https?:|#)[^)]*\)/g) ?? [], `${name} README: relative links break on the registry`).toEqual([]);
    }
  });

  it('publint finds nothing to fix in any tarball', async () => {
    for (const { name } of PUBLISHED) {
      const data = readFileSync(tarballs.get(name)!);
      const { messages, pkg } = await publint({ pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer }, level: 'suggestion' });
      expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`), name).toEqual([]);
    }
  });

  it('arethetypeswrong: the types resolve for ESM under node16 and bundlers; CommonJS gets the ES module, as require() of ESM does', async () => {
    for (const { name } of PUBLISHED) {
      const result = await checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(tarballs.get(name)!))));
      const problems = 'problems' in result ? result.problems : [];
      const described = problems.map((p) => `${p.kind}${'resolutionKind' in p ? ` (${p.resolutionKind})` : ''}`);
      // ESM-only by design: the one expected report is that a CommonJS importer resolves to ESM.
      expect(described, name).toEqual(['CJSResolvesToESM (node16-cjs)']);
    }
  });
});

describe('a consumer project, installed with npm from the tarballs', () => {
  it('trains a model with Dropout and L2 from `neurite` on the wasm backend, saves it as .keras and loads it back', () => {
    const r = runScript(app, 'train.mjs');
    expect(r.backend).toBe('wasm');
    expect(r.lastLoss).toBeLessThan(0.5 * r.firstLoss);
    expect(r.after).toEqual(r.before);
    expect(r.mnistShape).toEqual([100, 784]);
  });

  it('require() works too (CommonJS on Node >= 20.19)', () => {
    const r = runScript(app, 'require.cjs');
    expect(r).toEqual({ sequential: 'function', same: true, backend: 'wasm' });
  });

  it("typechecks against the packages' types under moduleResolution nodenext and bundler", () => {
    for (const config of ['tsconfig.nodenext.json', 'tsconfig.bundler.json']) expect(() => typecheck(join(app, config)), config).not.toThrow();
  });
});

describe('a downstream library outside the workspace', () => {
  it('builds its own Layer and Regularizer on the typed API, registers them; a model with them trains, saves and loads with no customObjects', () => {
    typecheck(join(app, 'extras', 'tsconfig.json'));
    const r = runScript(app, 'downstream.mjs');
    expect(r.lastLoss).toBeLessThan(r.firstLoss);
    expect(r.classes).toEqual(['Scale', 'Dense']);
    expect(r.scaleAfter).toEqual(r.scaleBefore);
    // CenteredL2 pulls the scales (from 1) towards 2
    expect(r.scaleBefore.every((s: number) => s !== 1)).toBe(true);
    expect(r.regularizer).toEqual({ className: 'CenteredL2', config: { l2: 0.05, center: 2 } });
    expect(r.penalty).toHaveLength(1);
    expect(r.penalty[0]).toBeGreaterThan(0);
    expect(r.after).toEqual(r.before);
  });
});
