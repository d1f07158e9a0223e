// Shared helpers for the TensorFlow.js format tests: tfjs models to files in the converter's layout, and back.
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { TfjsArtifacts, TfjsModelJSON } from '../src/saving/tfjs/index.js';

export const TOLERANCE = 1e-5;

/** Deterministic values in [-1, 1) (an LCG), for inputs. */
export function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** What a tfjs model's `save` hands to a save handler. */
export async function tfArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return artifacts as tf.io.ModelArtifacts;
}

/** model.json and its shards, as the TensorFlow.js converter lays them out. */
export interface TfjsFiles {
  modelJson: TfjsModelJSON;
  shards: Record<string, Uint8Array>;
}

/**
 * Turns tfjs artifacts into model.json plus shards of at most `shardBytes` bytes (`group1-shardKofN.bin`),
 * as the converter writes them; a weight may straddle two shards.
 */
export function toFiles(artifacts: tf.io.ModelArtifacts, shardBytes = Infinity): TfjsFiles {
  const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData as ArrayBuffer | ArrayBuffer[]));
  const count = Math.max(1, Math.ceil(data.byteLength / Math.min(shardBytes, Math.max(data.byteLength, 1))));
  const size = Math.ceil(data.byteLength / count);
  const shards: Record<string, Uint8Array> = {};
  const paths: string[] = [];
  for (let k = 0; k < count; k++) {
    const name = `group1-shard${k + 1}of${count}.bin`;
    paths.push(name);
    shards[name] = data.slice(k * size, Math.min(data.byteLength, (k + 1) * size));
  }
  const modelJson = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology as Record<string, unknown>,
    weightsManifest: [{ paths, weights: artifacts.weightSpecs as TfjsModelJSON['weightsManifest'][0]['weights'] }],
  } as TfjsModelJSON;
  if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig as unknown as Record<string, unknown>;
  return { modelJson, shards };
}

/** Loads Neurite's saved files in TensorFlow.js, through tfjs's own model.json reader. */
export async function tfLoad(artifacts: TfjsArtifacts): Promise<tf.LayersModel> {
  const json = JSON.parse(JSON.stringify(artifacts.modelJson)) as tf.io.ModelJSON;
  const modelArtifacts = await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
    const specs = manifest.flatMap((g) => g.weights);
    const bytes = artifacts.weightData;
    return [specs, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer];
  });
  return tf.loadLayersModel(tf.io.fromMemory(modelArtifacts));
}

/** Writes model.json and the shards into `dir`. */
export async function writeFiles(dir: string, files: TfjsFiles): Promise<string> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'model.json'), JSON.stringify(files.modelJson));
  for (const [name, bytes] of Object.entries(files.shards)) await fs.writeFile(path.join(dir, name), bytes);
  return path.join(dir, 'model.json');
}
