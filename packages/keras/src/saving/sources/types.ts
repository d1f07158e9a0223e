/**
 * Where model bytes come from: a file path (Node), an http(s) or file URL, bytes already in memory, or a
 * browser `File` / `Blob`.
 */
export type ByteSource = string | URL | ArrayBuffer | ArrayBufferView | Blob;

export interface ReadOptions {
  /** The operation named in errors (`loadModel`). */
  operation: string;
  /** Called with the fraction (0 to 1) of bytes read so far. */
  onProgress?: (fraction: number) => void;
}

/** Bytes and the name errors give them (the path, the URL, the File's name, or a description). */
export interface SourceBytes {
  bytes: Uint8Array;
  name: string;
}
