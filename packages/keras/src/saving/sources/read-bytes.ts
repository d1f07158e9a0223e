import { argumentError } from '@neurite/tensor';
import { isNode } from './environment.js';
import { fileError, messageOf } from './errors.js';
import { readNodeFile } from './read-node-file.js';
import { readStream } from './read-stream.js';
import type { ByteSource, ReadOptions, SourceBytes } from './types.js';
import { nodeModule } from './environment.js';
import { type NodeUrl } from './node-types.js';

const EXPECTED = 'a file path, a URL, an ArrayBuffer or Uint8Array, or a File / Blob';

function isBlob(x: unknown): x is Blob {
  return typeof Blob !== 'undefined' && x instanceof Blob;
}

async function fetchBytes(url: URL | string, name: string, options: ReadOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw fileError(options.operation, name, `cannot be fetched: ${messageOf(e)}`, e);
  }
  if (!response.ok) throw fileError(options.operation, name, `cannot be fetched: HTTP ${response.status} ${response.statusText}`);
  const length = Number(response.headers.get('content-length'));
  try {
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    return await readStream(response.body, Number.isFinite(length) && length > 0 ? length : null, options.onProgress);
  } catch (e) {
    throw fileError(options.operation, name, `the download failed: ${messageOf(e)}`, e);
  }
}

async function blobBytes(blob: Blob, name: string, options: ReadOptions): Promise<Uint8Array> {
  try {
    if (typeof blob.stream === 'function') return await readStream(blob.stream() as ReadableStream<Uint8Array>, blob.size, options.onProgress);
    return new Uint8Array(await blob.arrayBuffer());
  } catch (e) {
    throw fileError(options.operation, name, `cannot be read: ${messageOf(e)}`, e);
  }
}

async function fromUrl(url: URL, options: ReadOptions): Promise<Uint8Array> {
  if (url.protocol === 'file:' && isNode()) {
    const { fileURLToPath } = await nodeModule<NodeUrl>('node:url');
    return readNodeFile(fileURLToPath(url), options.operation, options.onProgress);
  }
  return fetchBytes(url, url.href, options);
}

/** A view of the same memory, never a copy. */
export function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/**
 * Reads all the bytes of a source: a path (Node; in a browser a string is fetched as a URL), an http(s)
 * or file URL, an ArrayBuffer / typed array (used as it is), or a browser File / Blob. Progress is
 * reported when the size is known; every failure is an error naming the source.
 */
export async function readBytes(source: ByteSource, options: ReadOptions): Promise<SourceBytes> {
  let bytes: Uint8Array;
  let name: string;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    bytes = asBytes(source);
    name = `(${bytes.byteLength} bytes in memory)`;
  } else if (isBlob(source)) {
    const fileName = (source as Blob & { name?: unknown }).name;
    name = typeof fileName === 'string' && fileName !== '' ? fileName : `(Blob of ${source.size} bytes)`;
    bytes = await blobBytes(source, name, options);
  } else if (source instanceof URL) {
    name = source.href;
    bytes = await fromUrl(source, options);
  } else if (typeof source === 'string' && source !== '') {
    name = source;
    if (/^(https?|file):\/\//i.test(source)) bytes = await fromUrl(new URL(source), options);
    else if (isNode()) bytes = await readNodeFile(source, options.operation, options.onProgress);
    else bytes = await fetchBytes(source, source, options);
  } else {
    throw argumentError(options.operation, 'source', EXPECTED, source);
  }
  options.onProgress?.(1);
  return { bytes, name };
}
