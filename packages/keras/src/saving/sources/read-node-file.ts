import { fileError, messageOf } from './errors.js';
import { nodeModule } from './environment.js';
import { type NodeFsPromises } from './node-types.js';

/** Files above this size are read in chunks of this size, so progress can be reported. */
const CHUNK = 8 * 1024 * 1024;

/** Reads a whole file in Node (node:fs is imported only here, and only when called). */
export async function readNodeFile(path: string, operation: string, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  const fs = await nodeModule<NodeFsPromises>('node:fs/promises');
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (e) {
    throw fileError(operation, path, `cannot be read: ${messageOf(e)}`, e);
  }
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(bytes, offset, Math.min(CHUNK, size - offset), offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      onProgress?.(offset / size);
    }
    if (offset < size) throw new Error(`the file shrank while it was read (${offset} of ${size} bytes)`);
    return bytes;
  } catch (e) {
    throw fileError(operation, path, `cannot be read: ${messageOf(e)}`, e);
  } finally {
    await handle.close();
  }
}
