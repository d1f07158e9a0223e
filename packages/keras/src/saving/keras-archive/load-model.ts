import type { Model } from '../../models/model.js';
import type { LoadOptions } from '../contract.js';
import { fileError, readBytes, type ByteSource } from '../sources/index.js';
import { detectFormat } from './detect-format.js';
import { describeStart } from './h5/signature.js';
import { loadKerasArchive } from './load-archive.js';
import { loadLegacyH5 } from './load-legacy.js';

const OP = 'loadModel';

/**
 * Loads a whole model saved by Keras or Neurite: a Keras 3 `.keras` archive (zip of metadata.json,
 * config.json and model.weights.h5) or a Keras 2 `.h5` file, told apart by their bytes. The source is a
 * path (Node), a URL, bytes, or a browser File / Blob. Every problem is an error naming the file (and
 * the layer, the weight and both shapes for a weight that does not fit); no half-loaded model is ever
 * returned.
 */
export async function loadModel(source: ByteSource, options: LoadOptions = {}): Promise<Model> {
  const { bytes, name } = await readBytes(source, { operation: OP, onProgress: options.onProgress });
  if (bytes.byteLength === 0) throw fileError(OP, name, 'is empty');
  switch (detectFormat(bytes)) {
    case 'zip':
      return loadKerasArchive(bytes, name, options, OP);
    case 'hdf5':
      return loadLegacyH5(bytes, name, options, OP);
    case 'json':
      throw fileError(
        OP,
        name,
        'is JSON, not a model archive: a TensorFlow.js model.json loads with loadTfjsModel, a Keras config.json with modelFromKerasJSON',
      );
    default:
      throw fileError(OP, name, `is not a Keras model file (expected a .keras zip archive or a Keras 2 .h5 file; got ${describeStart(bytes)})`);
  }
}
