/**
 * Reads a byte stream to the end, reporting progress against `total` bytes when it is known (a fetch's
 * Content-Length, a Blob's size).
 */
export async function readStream(stream: ReadableStream<Uint8Array>, total: number | null, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    if (total !== null && total > 0) onProgress?.(Math.min(1, received / total));
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
