import { argumentError } from '@neurite/tensor';
import { isNode, writeFileAtomically } from '../sources/index.js';
import { nodeModule } from '../sources/index.js';
import { type NodeUrl } from '../sources/node-types.js';

/** A save target: a file path or a file URL (Node), or nothing to only get the bytes back. */
export type SaveTarget = string | URL | undefined;

/** Checks the target before any work is done. */
export function checkTarget(target: unknown, operation: string): void {
  if (target === undefined || target === null) return;
  const ok = (typeof target === 'string' && target !== '') || (target instanceof URL && target.protocol === 'file:');
  if (!ok) throw argumentError(operation, 'target', 'a file path or a file: URL (or nothing, to get the bytes)', target);
  if (!isNode()) throw argumentError(operation, 'target', 'nothing in a browser (files are written only in Node; use the returned bytes)', target);
}

/** Writes the bytes to the target, if there is one, through a temporary file (see writeFileAtomically). */
export async function writeTarget(target: SaveTarget | null, bytes: Uint8Array, operation: string): Promise<void> {
  if (target === undefined || target === null) return;
  const path = target instanceof URL ? (await nodeModule<NodeUrl>('node:url')).fileURLToPath(target) : target;
  await writeFileAtomically(path, bytes, operation);
}
