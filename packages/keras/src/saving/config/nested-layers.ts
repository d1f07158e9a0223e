// Layers held in a layer's config (Bidirectional's and TimeDistributed's `layer`, RNN's `cell`): the key
// tables convert them with layer-json's reader and writer, which in turn use the key tables. layer-json
// fills this slot when it loads, so the recursion happens at run time without an import cycle.
import { NeuriteError } from '@neurite/tensor';
import type { Layer } from '@neurite/layers';
import type { KerasObjectJSON } from '../contract.js';
import type { ReadContext } from './context.js';
import type { KerasFlavor } from './flavor.js';

interface NestedLayerCodec {
  read(ctx: ReadContext, spec: unknown): Layer;
  write(layer: Layer, flavor: KerasFlavor): KerasObjectJSON;
}

let codec: NestedLayerCodec | null = null;

/** Called once by layer-json. */
export function setNestedLayerCodec(c: NestedLayerCodec): void {
  codec = c;
}

export function nestedLayers(): NestedLayerCodec {
  if (!codec) throw new NeuriteError('saving: the layer reader is not loaded (import the saving module, not one of its files)');
  return codec;
}
