import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@neurite/tensor';
import { Layer, layerArgKeys, type LayerArgs } from '../src/index.js';

interface ScaleArgs extends LayerArgs {
  factor?: number;
}

/** A custom layer that declares its options, as a user's would. */
class Scale extends Layer {
  static override className = 'Scale';
  static override argKeys = layerArgKeys<ScaleArgs>({ factor: true });
  readonly factor: number;
  constructor(args: ScaleArgs = {}) {
    super(args);
    this.factor = args.factor ?? 2;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    return (inputs as Tensor).mul(this.factor);
  }
}

/** One that does not: left unchecked (its author has not said what it takes). */
class Loose extends Layer {
  static override className = 'Loose';
  call(inputs: Tensor | Tensor[]): Tensor {
    return inputs as Tensor;
  }
}

describe('custom layers and their options', () => {
  it('a class that declares argKeys refuses other keys, naming them; the base options are checked for every class', () => {
    expect(new Scale({ factor: 3 }).factor).toBe(3);
    expect(() => new Scale({ factr: 3 } as never)).toThrow(/^Scale: unknown option 'factr' \(did you mean 'factor'\?\); the options are 'factor', 'name'/);
    expect(() => new Loose({ anything: 1 } as never)).not.toThrow();
    expect(() => new Loose({ trainable: 'no' } as never)).toThrow("Loose: trainable must be a boolean. Received: trainable='no'");
    expect(() => new Scale({ inputShape: 784 } as never)).toThrow('Scale: inputShape must be an array of non-negative integers or nulls. Received: inputShape=784');
    expect(() => new Scale({ dtype: 'float16' } as never)).toThrow("Scale: dtype must be one of 'float32', 'int32', 'bool'. Received: dtype='float16'");
    expect(() => new Scale({ batchSize: 0 })).toThrow('Scale: batchSize must be a positive integer. Received: batchSize=0');
    expect(() => new Scale({ activityRegularizer: 'l3' as never })).toThrow(/^Scale: activityRegularizer: .*unknown regularizer .*Received: activityRegularizer='l3'$/);
  });
});
