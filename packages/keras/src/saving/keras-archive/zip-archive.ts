import { unzipSync, zipSync } from 'fflate';
import { fileError, messageOf } from '../sources/index.js';
import { crc32 } from './crc32.js';
import { declaredCrcs } from './zip-directory.js';

/** `PK\x03\x04` (a member) or `PK\x05\x06` (an empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * The members of a zip archive, by name, each checked against its CRC-32. A truncated or damaged archive
 * is an error naming the file.
 */
export function readZip(bytes: Uint8Array, name: string, operation: string): Map<string, Uint8Array> {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (e) {
    throw fileError(operation, name, `is not a readable zip archive (it is truncated or corrupt): ${messageOf(e)}`, e);
  }
  const crcs = declaredCrcs(bytes);
  if (crcs === null) throw fileError(operation, name, 'is not a readable zip archive: its central directory is missing or damaged (truncated file?)');
  for (const [member, data] of Object.entries(members)) {
    const declared = crcs.get(member);
    if (declared !== undefined && declared !== crc32(data)) {
      throw fileError(operation, name, `member '${member}' is corrupt: its CRC-32 does not match the archive's record`);
    }
  }
  return new Map(Object.entries(members));
}

/** A zip archive of `members`, in the given order, stored without compression (as Keras writes them). */
export function writeZip(members: [string, Uint8Array][], mtime = new Date()): Uint8Array {
  const input: Record<string, Uint8Array> = {};
  for (const [member, data] of members) input[member] = data;
  return zipSync(input, { level: 0, mtime });
}
