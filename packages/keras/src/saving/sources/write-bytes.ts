import { fileError, messageOf } from './errors.js';
import { tempNameFor } from './temp-name.js';
import { nodeModule } from './environment.js';
import { type NodeFsPromises } from './node-types.js';

/**
 * Writes `bytes` to `path` (Node) so that the file either keeps its old content or gets the whole new
 * one: the bytes go to a temporary file of a fresh name beside it (`tempNameFor`) first, are flushed,
 * and only then renamed over the target. On any error the temporary file is removed and the previous
 * file is left as it was. Concurrent saves to one path each write their own temporary file; the last
 * rename wins, and the file is always one whole save.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array, operation: string): Promise<void> {
  const fs = await nodeModule<NodeFsPromises>('node:fs/promises');
  const temp = tempNameFor(path);
  let created = false;
  try {
    // 'wx': never write through a file (or link) that happens to be there already.
    const handle = await fs.open(temp, 'wx');
    created = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (e) {
    if (created) await fs.rm(temp, { force: true }).catch(() => undefined);
    throw fileError(operation, path, `cannot be written (any previous file is left as it was): ${messageOf(e)}`, e);
  }
}
