import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Message, type Metafile } from 'esbuild';

/** Every published Neurite package: the umbrella `neurite` and the scoped `@neurite/*` ones. */
export const PACKAGES = ['neurite', '@neurite/tensor', '@neurite/backend-cpu', '@neurite/backend-wasm', '@neurite/backend-gpu', '@neurite/regularizers', '@neurite/layers', '@neurite/keras', '@neurite/datasets'] as const;
export type PackageName = (typeof PACKAGES)[number];

export interface Chunk {
  /** The output file's name. */
  file: string;
  /** Whether an app loads it up front (the entry chunk and what it imports statically), rather than on first use. */
  entry: boolean;
  bytes: number;
  gzipBytes: number;
  /** The input files in it, as paths. */
  inputs: string[];
}

export interface BundleResult {
  name: PackageName;
  errors: Message[];
  warnings: Message[];
  chunks: Chunk[];
}

const here = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles everything package `name` exports for the browser, as an app's bundler would: esbuild with
 * `--bundle --platform=browser`, ESM with code splitting (so lazy imports become chunks), minified. No
 * flags, externals or shims: whatever Node-only code the package lets a bundler follow is an error here.
 */
export async function bundlePackage(name: PackageName): Promise<BundleResult> {
  const dir = mkdtempSync(join(tmpdir(), `neurite-bundle-${name.replace('/', '-').replace('@', '')}-`));
  try {
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, `export * from '${name}';\n`);
    const out = join(dir, 'out');
    let metafile: Metafile | undefined;
    let errors: Message[] = [];
    let warnings: Message[] = [];
    try {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        splitting: true,
        minify: true,
        outdir: out,
        metafile: true,
        logLevel: 'silent',
        // The entry sits outside the workspace: resolve the packages from this one's dependencies.
        nodePaths: [join(here, 'node_modules')],
      });
      metafile = result.metafile;
      warnings = result.warnings;
    } catch (e) {
      const failure = e as { errors?: Message[]; warnings?: Message[] };
      errors = failure.errors ?? [{ text: String(e) } as Message];
      warnings = failure.warnings ?? [];
    }
    const outputs = metafile?.outputs ?? {};
    // Up front: the output of entry.js and every chunk reached from it by static imports.
    const upFront = new Set<string>();
    const visit = (file: string) => {
      if (upFront.has(file)) return;
      upFront.add(file);
      for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
    };
    for (const [file, output] of Object.entries(outputs)) if (output.entryPoint?.endsWith('entry.js')) visit(file);
    const chunks: Chunk[] = [];
    for (const [file, output] of Object.entries(outputs)) {
      if (!file.endsWith('.js')) continue;
      const bytes = readFileSync(join(process.cwd(), file));
      chunks.push({
        file: file.split('/').pop() as string,
        entry: upFront.has(file),
        bytes: bytes.byteLength,
        gzipBytes: gzipSync(bytes, { level: 9 }).byteLength,
        inputs: Object.keys(output.inputs),
      });
    }
    return { name, errors, warnings, chunks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A message as esbuild prints it: the text and where it comes from. */
export function describeMessage(m: Message): string {
  const where = m.location ? ` (${m.location.file}:${m.location.line}: ${m.location.lineText.trim()})` : '';
  return `${m.text}${where}`;
}

/** Sizes in KB, one decimal. */
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
