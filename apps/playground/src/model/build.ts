import { layers, optimizers, regularizers, sequential, type Layer, type Sequential } from 'neurite';
import type { HiddenLayer, PlaygroundState } from '../state.js';

/** What the network is fed and what it predicts. */
export interface ProblemShape {
  /** One sample's shape: [2] for the 2-D sets, [784] or [28, 28, 1] for MNIST. */
  input: number[];
  classes: number;
}

function regularizerOf(l: HiddenLayer) {
  switch (l.regularizer) {
    case 'none':
      return null;
    case 'l1':
      return regularizers.l1({ l1: l.l1 });
    case 'l2':
      return regularizers.l2({ l2: l.l2 });
    case 'l1l2':
      return regularizers.l1l2({ l1: l.l1, l2: l.l2 });
  }
}

/** The noise layer after a hidden layer, or null. Seeds differ per layer, so masks are independent. */
function noiseLayer(l: HiddenLayer, seed: number, spatial: boolean): Layer | null {
  switch (l.noise) {
    case 'none':
      return null;
    case 'dropout':
      return layers.dropout({ rate: l.rate, seed, scaling: l.scaling });
    case 'spatialDropout':
      // drops whole feature maps after a convolution, plain units after a dense layer
      return spatial ? layers.spatialDropout2d({ rate: l.rate, seed }) : layers.dropout({ rate: l.rate, seed, scaling: l.scaling });
    case 'gaussianDropout':
      return layers.gaussianDropout({ rate: l.rate, seed });
    case 'gaussianNoise':
      return layers.gaussianNoise({ stddev: l.rate, seed });
    case 'alphaDropout':
      return layers.alphaDropout({ rate: l.rate, seed });
  }
}

/** A seeded Glorot initializer: the two models of a run start from the same weights. */
const glorot = (seed: number) => ({ className: 'GlorotUniform', config: { seed } });

/**
 * The network of `state` for `problem`: the hidden layers (each with its regularizer and the noise layer
 * after it), then a softmax over the classes. For MNIST with the convnet, the first hidden layer is a
 * 3x3 convolution with `units` filters and 2x2 max pooling, the rest are dense.
 */
export function buildModel(state: PlaygroundState, hidden: HiddenLayer[], problem: ProblemShape, name: string): Sequential {
  const model = sequential({ name });
  model.add(layers.inputLayer({ inputShape: problem.input }));
  const convnet = state.dataset === 'mnist' && state.architecture === 'cnn';
  hidden.forEach((l, i) => {
    const reg = regularizerOf(l);
    const seed = state.seed * 101 + i;
    const regArgs = {
      kernelRegularizer: l.target === 'kernel' ? reg : null,
      biasRegularizer: l.target === 'bias' ? reg : null,
      activityRegularizer: l.target === 'activity' ? reg : null,
    };
    const isConv = convnet && i === 0;
    if (isConv) {
      model.add(layers.conv2d({ filters: l.units, kernelSize: 3, activation: state.activation, kernelInitializer: glorot(seed), ...regArgs }));
    } else {
      if (convnet && i === 1) model.add(layers.flatten({}));
      model.add(layers.dense({ units: l.units, activation: state.activation, kernelInitializer: glorot(seed), ...regArgs }));
    }
    const noise = noiseLayer(l, seed + 7, isConv);
    if (noise) model.add(noise);
    if (isConv) model.add(layers.maxPooling2d({ poolSize: 2 }));
  });
  if (convnet && hidden.length <= 1) model.add(layers.flatten({}));
  if (problem.input.length > 1 && !convnet) model.add(layers.flatten({}));
  model.add(layers.dense({ units: problem.classes, activation: 'softmax', kernelInitializer: glorot(state.seed * 101 + 99) }));
  model.compile({ optimizer: optimizerOf(state), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function optimizerOf(state: PlaygroundState) {
  switch (state.optimizer) {
    case 'sgd':
      return optimizers.sgd({ learningRate: state.learningRate, momentum: 0.9 });
    case 'adam':
      return optimizers.adam({ learningRate: state.learningRate });
    case 'adamw':
      return optimizers.adamw({ learningRate: state.learningRate, weightDecay: state.weightDecay });
  }
}
