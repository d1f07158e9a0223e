import { NeuriteError } from '@neurite/tensor';
import { tempNameFor } from '../sources/temp-name.js';
import { messageOf } from './errors.js';
import { nodeModule } from '../sources/index.js';
import { type NodeFsPromises, type NodePath } from '../sources/node-types.js';

/**
 * Writes model.json and its shard into `dir` as one change as far as a crash or an error allows: every
 * file is first written to a temporary name beside its target and flushed, and only when all are written
 * are they renamed over the targets, in the order given (the shard before the model.json that names it).
 * On an error before the renames nothing has changed and the temporaries are removed. (The sources
 * module's writeFileAtomically renames each file as soon as it is written, which could pair a new shard
 * with an old model.json when the second write fails.)
 */
export async function writeFilesAtomically(operation: string, dir: string, files: { name: string; data: Uint8Array | string }[]): Promise<string[]> {
  const [fs, path] = await Promise.all([nodeModule<NodeFsPromises>('node:fs/promises'), nodeModule<NodePath>('node:path')]);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw new NeuriteError(`${operation}: cannot create the directory '${dir}': ${messageOf(e)}`);
  }
  const planned = files.map((f) => {
    const target = path.join(dir, f.name);
    return { ...f, target, temp: tempNameFor(target) };
  });
  const created: string[] = [];
  try {
    for (const f of planned) {
      // 'wx': never write through a file (or link) that happens to be there already.
      const handle = await fs.open(f.temp, 'wx');
      created.push(f.temp);
      try {
        await handle.writeFile(f.data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const f of planned) await fs.rename(f.temp, f.target);
  } catch (e) {
    await Promise.all(created.map((t) => fs.rm(t, { force: true }).catch(() => undefined)));
    throw new NeuriteError(`${operation}: cannot write into '${dir}' (files not yet replaced are left as they were): ${messageOf(e)}`);
  }
  return planned.map((f) => f.target);
}
