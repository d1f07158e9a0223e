import type { H5Dataset, H5File, H5Group } from './h5wasm-module.js';
import { getEntity, isDataset, isGroup } from './h5-read.js';

/** Deflate, the usual HDF5 filter, expands its input at most about 1032 times. */
const MAX_EXPANSION = 1032;
/** Deeper than any Keras file nests, and a stop for link cycles. */
const MAX_DEPTH = 64;

/**
 * How many numbers the numeric datasets of an HDF5 file hold together, each dataset's declared size
 * checked against what a file of `fileBytes` bytes can hold (the file itself, or 1032 times it for a
 * compressed dataset). Loaders build a model with at most this many weight values (`withWeightBudget`),
 * so a config or a dataset that declares more than the file holds is refused before it costs memory.
 * `refuse` makes the error for a dataset that declares too much.
 */
export function storedValueCount(file: H5File, fileBytes: number, refuse: (message: string) => Error): number {
  let total = 0;
  const visit = (group: H5Group | H5File, prefix: string, depth: number) => {
    if (depth > MAX_DEPTH) throw refuse(`groups nest deeper than ${MAX_DEPTH} levels at '${prefix}'`);
    for (const key of group.keys()) {
      const path = `${prefix}/${key}`;
      const entity = getEntity(group, key);
      if (isGroup(entity)) visit(entity, path, depth + 1);
      else if (isDataset(entity)) total += checkedSize(entity, path, fileBytes, refuse);
    }
  };
  visit(file, '', 0);
  return total;
}

function checkedSize(ds: H5Dataset, path: string, fileBytes: number, refuse: (message: string) => Error): number {
  const meta = ds.metadata;
  // type 0 is integer, 1 float (HDF5's H5T_class_t); other datasets hold no weights.
  if (meta.type !== 0 && meta.type !== 1) return 0;
  const shape = [...(meta.shape ?? [])];
  const count = shape.reduce((a, b) => a * b, 1);
  const bytes = count * meta.size;
  const compressed = ds.filters.length > 0;
  const limit = compressed ? fileBytes * MAX_EXPANSION : fileBytes;
  if (bytes > limit) {
    throw refuse(
      `dataset '${path}' declares shape [${shape.join(', ')}] (${bytes.toLocaleString('en-US')} bytes), ` +
        `more than a file of ${fileBytes.toLocaleString('en-US')} bytes can hold${compressed ? ' even compressed' : ''}`,
    );
  }
  return count;
}
