import { NeuriteError, describeValue, reshape, tidy, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { deserializeLayer, registerLayer, serializeLayer } from '../../engine/layer-registry.js';
import { describeShape, isShapeList, type LayerShape } from '../../engine/shape.js';
import { singleInput, singleShape } from '../core/arguments.js';

export interface TimeDistributedArgs extends LayerArgs {
  /** The layer applied to every step (a layer, or `{ className, config }` of one). */
  layer: Layer | { className: string; config: LayerConfig };
}

/**
 * Keras's `TimeDistributed`: applies one layer (one set of weights) to every step of [batch, steps, ...],
 * by folding the steps into the batch.
 */
export class TimeDistributed extends Layer {
  static override className = 'TimeDistributed';
  static override argKeys = layerArgKeys<TimeDistributedArgs>({ layer: true });

  readonly layer: Layer;

  constructor(args: TimeDistributedArgs) {
    super(args);
    const given = args?.layer;
    const layer = given instanceof Layer ? given : given != null && typeof given === 'object' ? deserializeLayer(given as { className: string; config: LayerConfig }) : null;
    if (!(layer instanceof Layer)) throw new NeuriteError(`TimeDistributed: layer must be a Layer. Received: layer=${describeValue(given)}`);
    this.layer = this.trackSublayer('layer', layer, 'shared');
    this.supportsMasking = true;
  }

  private stepShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('TimeDistributed', inputShape);
    if (shape.length < 3) {
      throw new NeuriteError(`TimeDistributed: expected an input [batch, steps, ...] of rank >= 3. Received: shape=${describeShape(shape)}`);
    }
    const [batch, steps, ...rest] = shape;
    return [batch === null || steps === null ? null : batch * steps, ...rest];
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    if (!this.layer.built) {
      this.layer.build(this.stepShape(inputShape));
      this.layer.built = true;
    }
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('TimeDistributed', inputShape);
    const inner = this.layer.computeOutputShape(this.stepShape(shape));
    if (isShapeList(inner)) throw new NeuriteError(`TimeDistributed: the layer must have one output; '${this.layer.name}' has ${inner.length}`);
    return [shape[0], shape[1], ...inner.slice(1)];
  }

  call(inputs: Tensor | Tensor[], options: Required<CallOptions>): Tensor {
    const x = singleInput('TimeDistributed', inputs);
    if (x.rank < 3) {
      throw new NeuriteError(`TimeDistributed: expected an input [batch, steps, ...] of rank >= 3. Received: shape=${describeShape(x.shape)}`);
    }
    const [batch, steps, ...rest] = x.shape;
    return tidy(() => {
      const y = this.layer.apply(reshape(x, [batch * steps, ...rest]), { training: options.training });
      if (Array.isArray(y)) throw new NeuriteError(`TimeDistributed: the layer must have one output; '${this.layer.name}' gave ${y.length}`);
      return reshape(y, [batch, steps, ...y.shape.slice(1)]);
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), layer: serializeLayer(this.layer) };
  }
}

registerLayer(TimeDistributed);
