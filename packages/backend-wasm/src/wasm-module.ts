import { RELAXED_SIMD_WASM, SIMD_WASM } from './generated/wasm-binaries.js';

/** Which build of the kernels runs: fused multiply-adds (relaxed SIMD) or SIMD128's multiply and add. */
export type SimdLevel = 'relaxed' | 'plain';

/** The compiled kernels and what the engine could give them. */
export interface CompiledKernels {
  module: WebAssembly.Module;
  simd: SimdLevel;
  /** Why relaxed SIMD is not used, when it is not. */
  relaxedReason: string | null;
  /** Whether the module imports a shared memory (threads possible). */
  shared: boolean;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

const IMPORT_SECTION = 2;
const MEMORY_KIND = 2;
const SHARED_WITH_MAX = 0x03;
const WITH_MAX = 0x01;

/**
 * The module with its memory import declared non-shared: where SharedArrayBuffer does not exist (a page
 * that is not cross-origin isolated) an unshared memory is all there is, and the kernels use no atomics.
 * Only the import's limits flag changes (one byte), so no size or offset moves.
 */
export function withUnsharedMemory(source: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bytes = source.slice();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readLeb(bytes, at + 1);
    if (id === IMPORT_SECTION) {
      let [count, p] = readLeb(bytes, body);
      for (; count > 0; count--) {
        const [moduleLength, m] = readLeb(bytes, p);
        const [fieldLength, f] = readLeb(bytes, m + moduleLength);
        p = f + fieldLength;
        const kind = bytes[p++];
        if (kind === MEMORY_KIND) {
          if (bytes[p] === SHARED_WITH_MAX) bytes[p] = WITH_MAX;
          return bytes;
        }
        throw new Error('wasm backend: unexpected import before the memory import');
      }
    }
    at = body + size;
  }
  throw new Error('wasm backend: the kernels module imports no memory');
}

/** Whether the engine runs SIMD128 (every current browser and Node >= 16.4). */
export function simdSupported(): boolean {
  // (module (func (result v128) i32.const 0 i32x4.splat))
  const probe = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
    0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x11, 0x0b,
  ]);
  return typeof WebAssembly === 'object' && WebAssembly.validate(probe);
}

/**
 * Compiles the kernels: the relaxed-SIMD build where the engine validates it and `simd` allows it, the
 * SIMD128 build otherwise; with a shared memory import where `shared`.
 */
export function compileKernels(simd: 'auto' | SimdLevel, shared: boolean): CompiledKernels {
  const prepare = (b64: string) => {
    const bytes = decodeBase64(b64);
    return shared ? bytes : withUnsharedMemory(bytes);
  };
  let relaxedReason: string | null = null;
  if (simd === 'plain') {
    relaxedReason = "not asked for (simd: 'plain')";
  } else {
    const bytes = prepare(RELAXED_SIMD_WASM);
    if (WebAssembly.validate(bytes)) return { module: new WebAssembly.Module(bytes), simd: 'relaxed', relaxedReason: null, shared };
    relaxedReason = 'this engine does not validate relaxed SIMD (in Node 20, run node with --experimental-wasm-relaxed-simd)';
    if (simd === 'relaxed') throw new Error(`relaxed SIMD was asked for, but ${relaxedReason}`);
  }
  return { module: new WebAssembly.Module(prepare(SIMD_WASM)), simd: 'plain', relaxedReason, shared };
}
