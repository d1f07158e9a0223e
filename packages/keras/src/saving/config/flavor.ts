/** 'keras3': Keras 3's config.json; 'tfjs': the Keras 2 / TensorFlow.js form of model.json's `modelTopology`. */
export type KerasFlavor = 'keras3' | 'tfjs';
