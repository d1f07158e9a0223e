import { NeuriteError, Registry } from '@neurite/tensor';
import type { Layer, LayerClass, LayerConfig } from './layer.js';

/** The registered layer classes by name (Keras's class names). */
export const layerClasses = new Registry<LayerClass>('layer class');

/**
 * Makes a layer class known to `deserializeLayer` and to model files under its static `className`
 * (built-in layers register themselves). Another class under a taken name is an error.
 */
export function registerLayer(cls: LayerClass): void {
  if (typeof cls !== 'function' || typeof cls?.className !== 'string' || cls.className === '') {
    throw new NeuriteError('registerLayer: cls must be a Layer subclass with a static className');
  }
  layerClasses.register('registerLayer', [cls.className], cls);
}

export function getLayerClass(className: string): LayerClass | undefined {
  return layerClasses.get(className);
}

/** `{ className, config }` for a layer. */
export function serializeLayer(layer: Layer): { className: string; config: LayerConfig } {
  return { className: layer.className, config: layer.getConfig() };
}

/** Rebuilds a layer from `{ className, config }`; an unknown class is an error that lists the known ones. */
export function deserializeLayer(spec: { className: string; config: LayerConfig }): Layer {
  const cls = layerClasses.require('deserializeLayer', spec?.className);
  return (cls as unknown as { fromConfig(c: LayerConfig): Layer }).fromConfig(spec.config);
}
