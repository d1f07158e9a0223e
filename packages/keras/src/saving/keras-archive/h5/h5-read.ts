import type { H5Dataset, H5File, H5Group } from './h5wasm-module.js';

type Entity = ReturnType<H5Group['get']>;

/** The object at `path`, or null when there is none (HDF5 reports a missing parent as an error). */
export function getEntity(file: H5File | H5Group, path: string): Entity {
  try {
    return file.get(path);
  } catch {
    return null;
  }
}

export function isGroup(entity: Entity): entity is H5Group {
  return entity !== null && (entity as { type?: string }).type === 'Group';
}

export function isDataset(entity: Entity): entity is H5Dataset {
  return entity !== null && (entity as { type?: string }).type === 'Dataset';
}

/** HDF5 lists children in text order (`10` before `2`); Keras numbers them, so sort numbers as numbers. */
export function sortNumerically(names: string[]): string[] {
  const isIndex = (s: string) => /^\d+$/.test(s);
  return [...names].sort((a, b) => {
    if (isIndex(a) && isIndex(b)) return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** The names of a group's children, numbers in numeric order. */
export function childNames(group: H5Group): string[] {
  return sortNumerically(group.keys());
}

function decodeText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder('utf-8').decode(value).replace(/\0+$/, '');
  return null;
}

/** A text attribute (h5py writes both fixed-length bytes and variable-length strings), or null. */
export function readTextAttribute(obj: H5Group | H5Dataset, name: string): string | null {
  const attrs = obj.attrs;
  if (!(name in attrs)) return null;
  const value = attrs[name].value;
  if (Array.isArray(value) && value.length === 1) return decodeText(value[0]);
  return decodeText(value);
}

function textList(value: unknown): string[] | null {
  if (value === null || value === undefined) return [];
  const single = decodeText(value);
  if (single !== null) return [single];
  if (Array.isArray(value)) {
    const out = value.map(decodeText);
    return out.every((s): s is string => s !== null) ? out : null;
  }
  // An empty numeric array: what h5py writes for a layer without weights.
  if (ArrayBuffer.isView(value) && (value as ArrayBufferView).byteLength === 0) return [];
  return null;
}

/**
 * A list-of-names attribute as Keras 2 writes it (`layer_names`, `weight_names`): one attribute, or, when
 * it was too large for HDF5's attribute limit, chunks `name0`, `name1`, … Returns null when absent and
 * throws when present but not a list of strings.
 */
export function readTextListAttribute(obj: H5Group, name: string): string[] | null {
  const attrs = obj.attrs;
  if (name in attrs) {
    const list = textList(attrs[name].value);
    if (list === null) throw new Error(`attribute '${name}' of '${obj.path}' is not a list of names`);
    return list;
  }
  if (!(`${name}0` in attrs)) return null;
  const out: string[] = [];
  for (let i = 0; `${name}${i}` in attrs; i++) {
    const list = textList(attrs[`${name}${i}`].value);
    if (list === null) throw new Error(`attribute '${name}${i}' of '${obj.path}' is not a list of names`);
    out.push(...list);
  }
  return out;
}

/** IEEE half precision to a number (h5wasm hands float16 data over as raw bytes). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

export interface ArrayData {
  shape: number[];
  values: Float32Array | Int32Array;
}

/**
 * A numeric dataset's shape and values, converted to the dtype of the weight it fills (float32 or
 * int32). Throws (with a plain message) for non-numeric data or a value count that does not match the shape.
 */
export function readNumericDataset(ds: H5Dataset, dtype: 'float32' | 'int32'): ArrayData {
  const meta = ds.metadata;
  const shape = [...(meta.shape ?? [])];
  const size = shape.reduce((a, b) => a * b, 1);
  // type 0 is integer, 1 float (HDF5's H5T_class_t).
  if (meta.type !== 0 && meta.type !== 1) throw new Error(`dataset '${ds.path}' does not hold numbers (HDF5 type class ${meta.type})`);
  let raw = ds.value as unknown;
  if (meta.type === 1 && meta.size === 2 && raw instanceof Uint8Array) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out = new Float32Array(raw.byteLength / 2);
    for (let i = 0; i < out.length; i++) out[i] = halfToFloat(view.getUint16(2 * i, meta.littleEndian));
    raw = out;
  }
  if (typeof raw === 'number' || typeof raw === 'bigint') raw = [Number(raw)];
  if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) raw = Array.from(raw, Number);
  if (!(ArrayBuffer.isView(raw) || Array.isArray(raw))) throw new Error(`dataset '${ds.path}' could not be read as numbers`);
  const list = raw as ArrayLike<number>;
  if (list.length !== size) throw new Error(`dataset '${ds.path}' holds ${list.length} values for shape [${shape.join(', ')}]`);
  if (dtype === 'int32') return { shape, values: list instanceof Int32Array ? list : Int32Array.from(list) };
  return { shape, values: list instanceof Float32Array ? list : Float32Array.from(list) };
}
