import { tensor, tidy } from '@neurite/tensor';
import type { Layer } from '@neurite/layers';
import { decodeWeights, type GroupBytes } from './decode-weights.js';
import { matchWeights } from './match-weights.js';
import type { FileRef } from './errors.js';
import type { TfjsManifestGroup } from './types.js';

/**
 * Sets `model`'s weights from a manifest and its shards' bytes. Every weight is read, matched and checked
 * before the first is assigned, so an error leaves the model's weights as they were.
 */
export function applyTfjsWeights(model: Layer, manifest: TfjsManifestGroup[], groups: GroupBytes[], ref: FileRef): void {
  const stored = decodeWeights(manifest, groups, ref);
  const matches = matchWeights(model.weights, stored, ref);
  for (const { target, value } of matches) {
    const dtype = target.variable.dtype;
    const t = tidy(() => {
      const raw = tensor(value.values, value.shape, value.dtype);
      return raw.dtype === dtype ? raw : raw.cast(dtype);
    });
    target.assign(t);
    t.dispose();
  }
}
