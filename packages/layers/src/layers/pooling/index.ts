// Pooling layers: windowed and global max / average.
export type { PoolingArgs } from './base-pooling.js';
export type { GlobalPoolingArgs } from './base-global-pooling.js';
export { MaxPooling1D } from './max-pooling1d.js';
export { MaxPooling2D } from './max-pooling2d.js';
export { AveragePooling1D } from './average-pooling1d.js';
export { AveragePooling2D } from './average-pooling2d.js';
export { GlobalMaxPooling1D } from './global-max-pooling1d.js';
export { GlobalMaxPooling2D } from './global-max-pooling2d.js';
export { GlobalAveragePooling1D } from './global-average-pooling1d.js';
export { GlobalAveragePooling2D } from './global-average-pooling2d.js';
export { MaxPooling3D, AveragePooling3D, GlobalMaxPooling3D, GlobalAveragePooling3D } from './pooling3d.js';
