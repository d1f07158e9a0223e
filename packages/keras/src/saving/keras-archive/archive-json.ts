import { fileError, messageOf } from '../sources/index.js';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A JSON object member of an archive (config.json, metadata.json); errors name the archive and member. */
export function parseJsonMember(bytes: Uint8Array, member: string, name: string, operation: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw fileError(operation, name, `${member} is not valid JSON: ${messageOf(e)}`, e);
  }
  if (!isRecord(value)) throw fileError(operation, name, `${member} must hold a JSON object`);
  return value;
}

/** The metadata Neurite writes (Keras reads `keras_version` and `date_saved`). */
export function metadataJson(now = new Date()): Record<string, unknown> {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}@${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return { keras_version: '3.x-compatible neurite', date_saved: date };
}

/** Checks metadata.json's keras_version: a string, and not from a future major version Neurite cannot know. */
export function checkMetadata(metadata: Record<string, unknown>, name: string, operation: string): string | null {
  const version = metadata.keras_version;
  if (version === undefined) return null;
  if (typeof version !== 'string') throw fileError(operation, name, `metadata.json: keras_version must be a string. Received: ${JSON.stringify(version)}`);
  const major = /^(\d+)\./.exec(version);
  if (major && Number(major[1]) > 3) throw fileError(operation, name, `was saved by Keras ${version}; Neurite reads archives of Keras 2.13+ and 3.x`);
  return version;
}
