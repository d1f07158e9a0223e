import { NeuriteError } from '@neurite/tensor';
import type { Layer, LayerClass, LayerConfig } from './layer.js';

const registry = new Map<string, LayerClass>();

/** Makes a layer class known to `deserializeLayer` (built-in layers register themselves). */
export function registerLayer(cls: LayerClass): void {
  if (typeof cls?.className !== 'string' || cls.className === '') {
    throw new NeuriteError('registerLayer: cls must be a Layer subclass with a static className');
  }
  registry.set(cls.className, cls);
}

export function getLayerClass(className: string): LayerClass | undefined {
  return registry.get(className);
}

/** `{ className, config }` for a layer. */
export function serializeLayer(layer: Layer): { className: string; config: LayerConfig } {
  return { className: layer.className, config: layer.getConfig() };
}

/** Rebuilds a layer from `{ className, config }`; an unknown class is an error that lists the known ones. */
export function deserializeLayer(spec: { className: string; config: LayerConfig }): Layer {
  const cls = registry.get(spec?.className);
  if (!cls) {
    throw new NeuriteError(`deserializeLayer: unknown layer class ${JSON.stringify(spec?.className)}; known: ${[...registry.keys()].sort().join(', ')}`);
  }
  return (cls as unknown as { fromConfig(c: LayerConfig): Layer }).fromConfig(spec.config);
}
