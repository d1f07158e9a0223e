import { NeuriteError, type Tensor, describeValue } from '@neurite/tensor';
import { L1L2, checkFactor } from '@neurite/regularizers';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { singleInput } from './validate.js';

export interface ActivityRegularizationArgs extends Omit<LayerArgs, 'activityRegularizer'> {
  /** L1 factor (default 0): adds l1 * Σ|x| / batch to `losses`. */
  l1?: number;
  /** L2 factor (default 0): adds l2 * Σx² / batch to `losses`. */
  l2?: number;
}

/**
 * The identity, with an L1L2 activity regularizer (Keras's `ActivityRegularization`): after each call its
 * penalty on the outputs, divided by the batch size, is in `layer.losses`.
 */
export class ActivityRegularization extends Layer {
  static override className = 'ActivityRegularization';
  static override argKeys = layerArgKeys<ActivityRegularizationArgs>({ l1: true, l2: true });

  readonly l1: number;
  readonly l2: number;

  constructor(args: ActivityRegularizationArgs = {}) {
    const cls = ActivityRegularization.className;
    if ((args as LayerArgs).activityRegularizer != null) {
      // The regularizer is made from l1 and l2; a second one would silently replace them.
      throw new NeuriteError(
        `${cls}: activityRegularizer cannot be given, use l1 and l2. Received: activityRegularizer=${describeValue((args as LayerArgs).activityRegularizer)}`,
      );
    }
    const l1 = checkFactor(cls, 'l1', args.l1 ?? 0);
    const l2 = checkFactor(cls, 'l2', args.l2 ?? 0);
    super({ ...args, activityRegularizer: new L1L2({ l1, l2 }) });
    this.l1 = l1;
    this.l2 = l2;
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    return singleInput(this.className, inputs).clone();
  }

  override getConfig(): LayerConfig {
    // The regularizer is rebuilt from l1 and l2, so the base's serialized copy is left out (as Keras does).
    const { activityRegularizer: _omitted, ...base } = super.getConfig();
    return { ...base, l1: this.l1, l2: this.l2 };
  }
}

registerLayer(ActivityRegularization);
