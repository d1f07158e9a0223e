import { isHdf5 } from './h5/signature.js';
import { isZip } from './zip-archive.js';

export type FileFormat = 'zip' | 'hdf5' | 'json' | 'unknown';

/** What a file is, from its first bytes (never from its name). */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (isZip(bytes)) return 'zip';
  if (isHdf5(bytes)) return 'hdf5';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x7b) return 'json';
  return 'unknown';
}
