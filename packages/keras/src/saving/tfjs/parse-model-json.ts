import { describeValue } from '@neurite/tensor';
import { asBytes } from '../sources/index.js';
import { type FileRef, fileError } from './errors.js';
import type { BinaryLike, TfjsManifestGroup, TfjsModelJSON, TfjsWeightSpec } from './types.js';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** model.json from text, bytes or an object, checked for the fields a layers model needs. */
export function parseModelJson(input: string | BinaryLike | unknown, ref: FileRef, needsTopology = true): TfjsModelJSON {
  let json: unknown = input;
  if (typeof input === 'string' || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(asBytes(input as BinaryLike));
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw fileError(ref, `is not valid JSON (${(e as Error).message}); it starts with ${JSON.stringify(text.slice(0, 40))}`, e);
    }
  }
  if (!isRecord(json)) throw fileError(ref, `expected a JSON object. Received: ${describeValue(json)}`);
  if (json.format !== undefined && json.format !== 'layers-model') {
    const hint = json.format === 'graph-model' ? ' (a graph model from the TensorFlow.js converter has no layers: Neurite reads only layers models)' : '';
    throw fileError(ref, `format is ${JSON.stringify(json.format)}, expected "layers-model"${hint}`);
  }
  if (needsTopology && !isRecord(json.modelTopology)) {
    throw fileError(ref, `has no modelTopology object (the model's Keras JSON). Received: modelTopology=${describeValue(json.modelTopology)}`);
  }
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest)) throw fileError(ref, `weightsManifest must be a list of groups. Received: ${describeValue(manifest)}`);
  const groups = manifest.map((g, i) => checkGroup(g, i, ref));
  return { ...json, modelTopology: (json.modelTopology ?? {}) as Record<string, unknown>, weightsManifest: groups };
}

function checkGroup(group: unknown, index: number, ref: FileRef): TfjsManifestGroup {
  const where = `weightsManifest[${index}]`;
  if (!isRecord(group)) throw fileError(ref, `${where} must be an object { paths, weights }. Received: ${describeValue(group)}`);
  const { paths, weights } = group;
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p === '')) {
    throw fileError(ref, `${where}.paths must be a list of shard file names. Received: ${describeValue(paths)}`);
  }
  if (!Array.isArray(weights)) throw fileError(ref, `${where}.weights must be a list. Received: ${describeValue(weights)}`);
  if (weights.length > 0 && paths.length === 0) throw fileError(ref, `${where} lists weights but no shard files`);
  return { paths: paths as string[], weights: weights.map((w, j) => checkSpec(w, `${where}.weights[${j}]`, ref)) };
}

function checkSpec(spec: unknown, where: string, ref: FileRef): TfjsWeightSpec {
  if (!isRecord(spec)) throw fileError(ref, `${where} must be an object { name, shape, dtype }. Received: ${describeValue(spec)}`);
  const { name, shape, dtype } = spec;
  if (typeof name !== 'string' || name === '') throw fileError(ref, `${where}.name must be a non-empty string. Received: ${describeValue(name)}`);
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || (d as number) < 0)) {
    throw fileError(ref, `weight '${name}' (${where}) has an invalid shape. Received: ${describeValue(shape)}`);
  }
  if (typeof dtype !== 'string') throw fileError(ref, `weight '${name}' (${where}) has no dtype. Received: ${describeValue(dtype)}`);
  const out: TfjsWeightSpec = { name, shape: shape as number[], dtype: dtype as TfjsWeightSpec['dtype'] };
  if (spec.quantization != null) out.quantization = spec.quantization as TfjsWeightSpec['quantization'];
  return out;
}

/** The model's Keras JSON inside modelTopology: unwraps `{ model_config }` as TensorFlow.js does. */
export function modelConfigOf(json: TfjsModelJSON, ref: FileRef): Record<string, unknown> {
  const topology = json.modelTopology;
  const inner = isRecord(topology.model_config) ? topology.model_config : topology;
  if (typeof inner.class_name !== 'string' || !isRecord(inner.config)) {
    throw fileError(ref, `modelTopology must hold a model's { class_name, config }. Received keys: [${Object.keys(inner).join(', ')}]`);
  }
  return inner;
}
