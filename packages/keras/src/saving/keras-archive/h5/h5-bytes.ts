import { NeuriteError } from '@neurite/tensor';
import { fileError } from '../../sources/index.js';
import { hdf5Reason, loadH5, withHdf5Errors, type H5File, type H5Runtime } from './h5wasm-module.js';
import { describeStart, isHdf5 } from './signature.js';
import { nodeModule } from '../../sources/index.js';
import { type NodeFsPromises, type NodeOs, type NodePath } from '../../sources/node-types.js';

let counter = 0;

/** A scratch path h5wasm can open: a temporary file in Node, a file of its in-memory FS in a browser. */
async function scratchPath(runtime: H5Runtime): Promise<{ path: string; remove: () => Promise<void> }> {
  counter += 1;
  if (runtime.node) {
    const [fs, os, path] = await Promise.all([nodeModule<NodeFsPromises>('node:fs/promises'), nodeModule<NodeOs>('node:os'), nodeModule<NodePath>('node:path')]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'neurite-h5-'));
    return { path: path.join(dir, `${counter}.h5`), remove: () => fs.rm(dir, { recursive: true, force: true }) };
  }
  const path = `/neurite-${counter}.h5`;
  const fs = runtime.api.FS as unknown as { unlink(p: string): void };
  return {
    path,
    remove: async () => {
      try {
        fs.unlink(path);
      } catch {
        // never created
      }
    },
  };
}

async function putBytes(runtime: H5Runtime, path: string, bytes: Uint8Array): Promise<void> {
  if (runtime.node) {
    const fs = await nodeModule<NodeFsPromises>('node:fs/promises');
    await fs.writeFile(path, bytes);
  } else {
    (runtime.api.FS as unknown as { writeFile(p: string, d: Uint8Array): void }).writeFile(path, bytes);
  }
}

async function takeBytes(runtime: H5Runtime, path: string): Promise<Uint8Array> {
  if (runtime.node) {
    const fs = await nodeModule<NodeFsPromises>('node:fs/promises');
    return new Uint8Array(await fs.readFile(path));
  }
  return (runtime.api.FS as unknown as { readFile(p: string): Uint8Array }).readFile(path);
}

/**
 * Opens `bytes` as an HDF5 file and runs `fn` on it. A file that is not HDF5, or that HDF5 cannot open
 * (truncated, corrupt), is an error naming `name` (and `member`, for a file inside an archive); so is any
 * HDF5 failure while `fn` reads.
 */
export async function readHdf5<T>(bytes: Uint8Array, name: string, operation: string, fn: (file: H5File) => T, member = ''): Promise<T> {
  const where = member === '' ? '' : `${member}: `;
  if (!isHdf5(bytes)) throw fileError(operation, name, `${where}is not an HDF5 file (no HDF5 signature; ${describeStart(bytes)})`);
  const runtime = await loadH5();
  const scratch = await scratchPath(runtime);
  try {
    await putBytes(runtime, scratch.path, bytes);
    return await withHdf5Errors(runtime, () => {
      let file: H5File;
      try {
        file = new runtime.api.File(scratch.path, 'r');
      } catch (e) {
        throw fileError(operation, name, `${where}cannot be opened as HDF5 (the file is truncated or corrupt): ${hdf5Reason(e)}`, e);
      }
      try {
        return fn(file);
      } catch (e) {
        if (e instanceof NeuriteError) throw e;
        throw fileError(operation, name, `${where}cannot be read (the HDF5 file is corrupt): ${hdf5Reason(e)}`, e);
      } finally {
        try {
          file.close();
        } catch {
          // a corrupt file may also fail to close; the read's error matters more
        }
      }
    });
  } finally {
    await scratch.remove();
  }
}

/** Builds a new HDF5 file with `fn` and returns its bytes. */
export async function writeHdf5(operation: string, fn: (file: H5File) => void): Promise<Uint8Array> {
  const runtime = await loadH5();
  const scratch = await scratchPath(runtime);
  try {
    await withHdf5Errors(runtime, () => {
      const file = new runtime.api.File(scratch.path, 'w');
      try {
        fn(file);
      } finally {
        file.close();
      }
    });
    return await takeBytes(runtime, scratch.path);
  } catch (e) {
    if (e instanceof NeuriteError) throw e;
    throw new NeuriteError(`${operation}: the HDF5 weights file cannot be written: ${hdf5Reason(e)}`);
  } finally {
    await scratch.remove();
  }
}
