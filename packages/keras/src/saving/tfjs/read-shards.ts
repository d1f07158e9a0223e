import { weightDType, type GroupBytes } from './decode-weights.js';
import type { FileRef } from './errors.js';
import type { ModelFiles } from './model-files.js';
import type { TfjsManifestGroup } from './types.js';

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** The bytes each group's weights take, from the manifest alone (dtypes were checked before). */
function groupSizes(manifest: TfjsManifestGroup[]): number[] {
  return manifest.map((g) => g.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * BYTES[w.dtype], 0));
}

/** Reads every group's shards, in manifest order, reporting progress by bytes against the manifest's total. */
export async function readGroups(files: ModelFiles, manifest: TfjsManifestGroup[], onProgress?: (fraction: number) => void): Promise<GroupBytes[]> {
  const sizes = groupSizes(manifest);
  if (files.allWeights) {
    // One buffer for everything: each group takes its share in order; the last takes the rest, so that a
    // size mismatch is reported against it.
    const all = files.allWeights;
    let offset = 0;
    return manifest.map((g, i) => {
      const end = i === manifest.length - 1 ? all.byteLength : Math.min(all.byteLength, offset + sizes[i]);
      const bytes = all.subarray(offset, end);
      offset = end;
      return { shards: [{ path: g.paths.join(' + ') || '(weights)', bytes }] };
    });
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  let read = 0;
  const groups: GroupBytes[] = [];
  for (const group of manifest) {
    const shards = [];
    for (const path of group.paths) {
      const bytes = await files.readShard(path);
      shards.push({ path, bytes });
      read += bytes.byteLength;
      onProgress?.(total > 0 ? Math.min(1, read / total) : 1);
    }
    groups.push({ shards });
  }
  return groups;
}

/** Refuses quantized and unsupported dtypes before any shard is read (or downloaded). */
export function checkDTypes(manifest: TfjsManifestGroup[], ref: FileRef): void {
  for (const group of manifest) for (const spec of group.weights) weightDType(spec, ref);
}
