import { argumentError, describeValue } from '@neurite/tensor';
import { asBytes, isNode, readBytes } from '../sources/index.js';
import { type FileRef, fileError, messageOf } from './errors.js';
import type { BinaryLike, TfjsMemorySource, TfjsModelJSON, TfjsSource } from './types.js';
import { nodeModule } from '../sources/index.js';
import { type NodePath } from '../sources/node-types.js';

/**
 * Where model.json and its shards come from. `ref` names model.json in errors; `readShard` takes a path
 * from the manifest (relative to model.json) and gives its bytes, or an error naming the shard.
 */
export interface ModelFiles {
  ref: FileRef;
  readModelJson(): Promise<string | BinaryLike | TfjsModelJSON>;
  readShard(path: string): Promise<Uint8Array>;
  /** Only for in-memory files given as one buffer: every group's bytes concatenated. */
  allWeights?: Uint8Array;
}

function isMemorySource(x: unknown): x is TfjsMemorySource {
  return typeof x === 'object' && x !== null && !(x instanceof URL) && 'modelJson' in x;
}

/** The files behind any accepted source. */
export function modelFiles(source: TfjsSource, op: string): ModelFiles {
  if (isMemorySource(source)) return memoryFiles(source, op);
  if (source instanceof URL) return linkedFiles(source, source.href, op);
  if (typeof source === 'string' && source !== '') {
    if (/^(https?|file):\/\//i.test(source)) return linkedFiles(new URL(source), source, op);
    if (isNode()) return linkedFiles(source, source, op);
    // In a browser a plain string is a URL relative to the page.
    return linkedFiles(new URL(source, (globalThis as { location?: { href: string } }).location?.href), source, op);
  }
  throw argumentError(op, 'source', 'a path to model.json, a URL, or { modelJson, weights }', source);
}

/** A manifest path must stay beside model.json: no absolute paths, no `..`, no other scheme. */
function checkRelative(path: string, ref: FileRef): void {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.startsWith('\\') || path.split(/[\\/]/).includes('..')) {
    throw fileError(ref, `weight shard path '${path}' must be relative to model.json and stay in its directory`);
  }
}

/** `op: '<shard>': cannot be read: ENOENT …` → `cannot be read: ENOENT …`, to nest under model.json's name. */
function withoutPrefix(e: unknown, op: string): string {
  return messageOf(e).replace(new RegExp(`^${op}: `), '');
}

/** model.json at a Node path or a URL, its shards beside it. */
function linkedFiles(location: string | URL, file: string, op: string): ModelFiles {
  const ref = { op, file };
  const shardLocation = async (path: string): Promise<string | URL> => {
    if (location instanceof URL) return new URL(path, location);
    const nodePath = await nodeModule<NodePath>('node:path');
    return nodePath.resolve(nodePath.dirname(location), path);
  };
  return {
    ref,
    readModelJson: async () => (await readBytes(location, { operation: op })).bytes,
    async readShard(path) {
      checkRelative(path, ref);
      try {
        return (await readBytes(await shardLocation(path), { operation: op })).bytes;
      } catch (e) {
        throw fileError(ref, `weight shard '${path}' is missing or unreadable (${withoutPrefix(e, op)})`, e);
      }
    },
  };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function memoryFiles(source: TfjsMemorySource, op: string): ModelFiles {
  const ref = { op, file: source.fileName ?? 'model.json' };
  const { weights } = source;
  if (weights instanceof ArrayBuffer || ArrayBuffer.isView(weights)) {
    const all = asBytes(weights);
    return { ref, allWeights: all, readModelJson: async () => source.modelJson, readShard: async () => all };
  }
  if (typeof weights !== 'object' || weights === null) {
    throw argumentError(op, 'source.weights', 'an ArrayBuffer, a Uint8Array, or a record of shard path to bytes', weights);
  }
  // Browser files carry only a base name; manifests write `./name` or `name`.
  const byName = new Map<string, BinaryLike>();
  for (const [key, value] of Object.entries(weights)) {
    if (!(value instanceof ArrayBuffer || ArrayBuffer.isView(value))) {
      throw argumentError(op, `source.weights['${key}']`, 'an ArrayBuffer or a Uint8Array', value);
    }
    byName.set(key, value);
    if (!byName.has(baseName(key))) byName.set(baseName(key), value);
  }
  return {
    ref,
    readModelJson: async () => source.modelJson,
    async readShard(path) {
      const found = byName.get(path) ?? byName.get(path.replace(/^\.\//, '')) ?? byName.get(baseName(path));
      if (!found) throw fileError(ref, `weight shard '${path}' is missing (given: ${describeValue([...Object.keys(weights)])})`);
      return asBytes(found);
    },
  };
}
