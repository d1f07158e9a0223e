import { NeuriteError, add, concat, describeValue, gather, mul, tensor, tidy, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { deserializeLayer, registerLayer, serializeLayer } from '../../engine/layer-registry.js';
import { isShapeList, type LayerShape } from '../../engine/shape.js';
import { checkOneOf } from '../core/arguments.js';
import { RNN } from './rnn.js';

/** How the two directions' outputs are combined; null returns both. */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

export interface BidirectionalArgs extends LayerArgs {
  /** The recurrent layer to run both ways (a layer, or `{ className, config }` of one); it is copied twice. */
  layer: RNN | { className: string; config: LayerConfig };
  /** 'concat' (default), 'sum', 'mul', 'ave', or null for [forward, backward]. */
  mergeMode?: MergeMode | null;
}

/** A layer's name without the `forward_` prefix Bidirectional (and Keras) give the forward copy. */
function baseName(name: unknown, fallback: string): string {
  return String(name ?? fallback).replace(/^forward_/, '');
}

/** The sequence reversed along its steps axis (axis 1). */
function reverseSteps(y: Tensor): Tensor {
  const steps = y.shape[1];
  return tidy(() => gather(y, tensor(Array.from({ length: steps }, (_, i) => steps - 1 - i), [steps], 'int32'), { axis: 1 }));
}

/**
 * Keras's `Bidirectional`: runs a copy of a recurrent layer forwards and another backwards over the same
 * sequence and merges their outputs (the backward sequence turned back into step order first). The
 * weights are the forward copy's, then the backward copy's.
 */
export class Bidirectional extends Layer {
  static override className = 'Bidirectional';
  static override argKeys = layerArgKeys<BidirectionalArgs>({ layer: true, mergeMode: true });

  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: MergeMode | null;

  constructor(args: BidirectionalArgs) {
    super(args);
    const given = args?.layer;
    const spec = given instanceof RNN ? serializeLayer(given) : given;
    const isSpec = !(given instanceof Layer) && spec != null && typeof spec === 'object' && typeof (spec as { className?: unknown }).className === 'string';
    if (!(given instanceof RNN) && !isSpec) {
      throw new NeuriteError(`Bidirectional: layer must be a recurrent layer (SimpleRNN, LSTM, GRU or RNN). Received: layer=${describeValue(given)}`);
    }
    const { className, config } = spec as { className: string; config: LayerConfig };
    const copy = (prefix: string, backwards: boolean): RNN => {
      // (a config written by Keras names the layer forward_<name> already)
      const made = deserializeLayer({ className, config: { ...config, name: `${prefix}_${baseName(config.name, className.toLowerCase())}`, goBackwards: backwards } });
      if (!(made instanceof RNN)) throw new NeuriteError(`Bidirectional: layer must be a recurrent layer (SimpleRNN, LSTM, GRU or RNN). Received: a ${className}`);
      return made;
    };
    const goBackwards = config.goBackwards === true;
    this.forwardLayer = this.trackSublayer('forward_layer', copy('forward', goBackwards), 'nested');
    this.backwardLayer = this.trackSublayer('backward_layer', copy('backward', !goBackwards), 'nested');
    const mode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    this.mergeMode = mode === null ? null : checkOneOf<MergeMode>('Bidirectional', 'mergeMode', mode, ['concat', 'sum', 'mul', 'ave']);
    this.supportsMasking = true;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const shape = isShapeList(inputShape) ? inputShape[0] : inputShape;
    for (const layer of [this.forwardLayer, this.backwardLayer]) {
      layer.build(shape);
      layer.built = true;
    }
    super.build(inputShape);
  }

  private merge(a: LayerShape, b: LayerShape): LayerShape | LayerShape[] {
    if (this.mergeMode === null) return [a, b];
    if (this.mergeMode !== 'concat') return a;
    const last = a[a.length - 1];
    const other = b[b.length - 1];
    return [...a.slice(0, -1), last === null || other === null ? null : last + other];
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape | LayerShape[] {
    const shape = isShapeList(inputShape) ? inputShape[0] : inputShape;
    const f = this.forwardLayer.computeOutputShape(shape);
    const b = this.backwardLayer.computeOutputShape(shape);
    if (!this.forwardLayer.returnState) return this.merge(f as LayerShape, b as LayerShape);
    const [fo, ...fs] = f as LayerShape[];
    const [bo, ...bs] = b as LayerShape[];
    const merged = this.merge(fo, bo);
    return [...(isShapeList(merged) ? merged : [merged]), ...fs, ...bs];
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null): Tensor | null | (Tensor | null)[] {
    const out = this.forwardLayer.returnSequences ? mask : null;
    if (!this.forwardLayer.returnState) return this.mergeMode === null ? [out, out] : out;
    const states = this.forwardLayer.cell.stateSize.length * 2;
    return [...(this.mergeMode === null ? [out, out] : [out]), ...new Array<null>(states).fill(null)];
  }

  call(inputs: Tensor | Tensor[], options: Required<CallOptions>): Tensor | Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const run = (layer: RNN): Tensor[] => {
      const out = layer.apply(x, options) as Tensor | Tensor[];
      return Array.isArray(out) ? out : [out];
    };
    const [f, ...fStates] = run(this.forwardLayer);
    const [bRaw, ...bStates] = run(this.backwardLayer);
    const b = this.forwardLayer.returnSequences ? reverseSteps(bRaw) : bRaw;
    if (b !== bRaw) bRaw.dispose();
    let merged: Tensor[];
    switch (this.mergeMode) {
      case null:
        merged = [f, b];
        break;
      case 'concat':
        merged = [concat([f, b], { axis: -1 })];
        break;
      case 'sum':
        merged = [add(f, b)];
        break;
      case 'mul':
        merged = [mul(f, b)];
        break;
      case 'ave':
        merged = [tidy(() => mul(add(f, b), 0.5))];
        break;
    }
    if (this.mergeMode !== null) {
      f.dispose();
      b.dispose();
    }
    const all = [...merged, ...fStates, ...bStates];
    return all.length === 1 ? all[0] : all;
  }

  override getConfig(): LayerConfig {
    const layer = serializeLayer(this.forwardLayer);
    const { name, ...rest } = layer.config;
    return {
      ...super.getConfig(),
      layer: { className: layer.className, config: { ...rest, name: baseName(name, layer.className.toLowerCase()) } },
      mergeMode: this.mergeMode,
    };
  }
}

registerLayer(Bidirectional);
