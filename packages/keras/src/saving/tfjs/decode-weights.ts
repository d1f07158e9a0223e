import type { DType, TypedArray } from '@neurite/tensor';
import { type FileRef, fileError, formatShape } from './errors.js';
import type { TfjsManifestGroup, TfjsWeightSpec } from './types.js';

/** One weight read from the shards: its values in a fresh (aligned) typed array. */
export interface DecodedWeight {
  name: string;
  shape: number[];
  dtype: DType;
  values: TypedArray;
}

/** The bytes of one group's shards, in manifest order, with the names to report. */
export interface GroupBytes {
  shards: { path: string; bytes: Uint8Array }[];
}

const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1 };

/** The Neurite dtype of a manifest entry, or a clear refusal (quantized, string, complex, unknown). */
export function weightDType(spec: TfjsWeightSpec, ref: FileRef): DType {
  if (spec.quantization != null) {
    const q = spec.quantization.dtype;
    throw fileError(ref,
      `weight '${spec.name}' is quantized (${String(q)}); Neurite reads only unquantized float32/int32/bool weights: convert the model again without --quantize_* options`,
    );
  }
  if (spec.dtype === 'float32' || spec.dtype === 'int32' || spec.dtype === 'bool') return spec.dtype;
  throw fileError(ref, `weight '${spec.name}' has dtype ${JSON.stringify(spec.dtype)}; Neurite reads float32, int32 and bool weights`);
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

function typed(dtype: DType, bytes: Uint8Array): TypedArray {
  // slice() copies into a fresh buffer at offset 0, so the 4-byte views are aligned. Data is little-endian.
  const copy = bytes.slice();
  if (dtype === 'float32') return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  if (dtype === 'int32') return new Int32Array(copy.buffer, 0, copy.byteLength / 4);
  return copy;
}

function shardList(group: GroupBytes): string {
  return group.shards.map((s) => `'${s.path}' (${s.bytes.byteLength} bytes)`).join(', ');
}

/**
 * Reads every weight of the manifest from its group's shards (concatenated in order, each weight taking
 * the bytes its shape and dtype need). The shards must hold exactly the bytes the manifest describes: too
 * few means a truncated or missing shard, too many a manifest that does not belong to these shards.
 */
export function decodeWeights(manifest: TfjsManifestGroup[], groups: GroupBytes[], ref: FileRef): DecodedWeight[] {
  const out: DecodedWeight[] = [];
  manifest.forEach((group, g) => {
    const dtypes = group.weights.map((spec) => weightDType(spec, ref));
    const data = concat(groups[g].shards.map((s) => s.bytes));
    const needed = group.weights.reduce((n, spec, i) => n + size(spec.shape) * BYTES[dtypes[i]], 0);
    if (data.byteLength < needed) {
      let offset = 0;
      const first = group.weights.findIndex((spec, i) => (offset += size(spec.shape) * BYTES[dtypes[i]]) > data.byteLength);
      throw fileError(ref,
        `the weight shards of group ${g + 1} hold ${data.byteLength} bytes but its weights need ${needed}: a shard is truncated or missing ` +
          `(shards: ${shardList(groups[g])}; the first weight cut short is '${group.weights[first].name}' ${formatShape(group.weights[first].shape)})`,
      );
    }
    if (data.byteLength > needed) {
      throw fileError(ref,
        `the weight shards of group ${g + 1} hold ${data.byteLength} bytes but its weights need only ${needed}: the shards do not match the manifest (shards: ${shardList(groups[g])})`,
      );
    }
    let offset = 0;
    group.weights.forEach((spec, i) => {
      const length = size(spec.shape) * BYTES[dtypes[i]];
      out.push({ name: spec.name, shape: [...spec.shape], dtype: dtypes[i], values: typed(dtypes[i], data.subarray(offset, offset + length)) });
      offset += length;
    });
  });
  return out;
}
