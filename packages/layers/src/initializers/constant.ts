import { fill, type DType, type Tensor } from '@neurite/tensor';
import { Initializer, registerInitializer, type InitializerConfig } from './initializer.js';
import { checkConfig, checkFinite } from './argument-checks.js';

/** Keras's `Zeros`: every value 0. */
export class Zeros extends Initializer {
  static override className = 'Zeros';

  constructor(config?: Record<string, never>) {
    super();
    checkConfig('Zeros', config, []);
  }

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    return fill(shape, 0, dtype);
  }
}

/** Keras's `Ones`: every value 1. */
export class Ones extends Initializer {
  static override className = 'Ones';

  constructor(config?: Record<string, never>) {
    super();
    checkConfig('Ones', config, []);
  }

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    return fill(shape, 1, dtype);
  }
}

export interface ConstantConfig {
  /** The value of every element (default 0, as Keras). */
  value?: number;
}

/** Keras's `Constant`: every value `value`. */
export class Constant extends Initializer {
  static override className = 'Constant';
  readonly value: number;

  constructor(config?: ConstantConfig) {
    super();
    const { value = 0 } = checkConfig('Constant', config, ['value']);
    this.value = checkFinite('Constant', 'value', value);
  }

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    return fill(shape, this.value, dtype);
  }

  override getConfig(): InitializerConfig {
    return { value: this.value };
  }
}

registerInitializer(Zeros, 'zeros');
registerInitializer(Ones, 'ones');
registerInitializer(Constant, 'constant');
