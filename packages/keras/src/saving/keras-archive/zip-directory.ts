/**
 * The CRC-32 each member's central-directory record declares, by name. fflate extracts the members but
 * does not check their CRCs; this small reader supplies them so that damaged bytes inside an archive are
 * detected (as Python's zipfile detects them) instead of loading wrong weights.
 * Returns null when the directory cannot be located (fflate then reports the archive as broken).
 */
export function declaredCrcs(bytes: Uint8Array): Map<string, number> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (o: number) => view.getUint32(o, true);
  const u16 = (o: number) => view.getUint16(o, true);
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end of the file.
  let eocd = -1;
  for (let o = bytes.byteLength - 22; o >= Math.max(0, bytes.byteLength - 22 - 0xffff); o--) {
    if (u32(o) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(eocd + 10);
  let offset = u32(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    // Zip64: the locator just before the record points at the zip64 end record.
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== 0x07064b50) return null;
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.byteLength || u32(record) !== 0x06064b50) return null;
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const crcs = new Map<string, number>();
  const decoder = new TextDecoder('utf-8');
  for (let i = 0, o = offset; i < count; i++) {
    if (o + 46 > bytes.byteLength || u32(o) !== 0x02014b50) return null;
    const nameLength = u16(o + 28);
    const name = decoder.decode(bytes.subarray(o + 46, o + 46 + nameLength));
    crcs.set(name, u32(o + 16));
    o += 46 + nameLength + u16(o + 30) + u16(o + 32);
  }
  return crcs;
}
