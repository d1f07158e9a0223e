// Bytes in and out for the saving modules: read from a path, a URL, memory or a browser File; write a
// file atomically. Node modules are imported only when a path is used, so this loads in a browser.
export { readBytes, asBytes } from './read-bytes.js';
export { writeFileAtomically } from './write-bytes.js';
export { isNode, nodeModule } from './environment.js';
export { fileError, messageOf, formatShape } from './errors.js';
export type { ByteSource, ReadOptions, SourceBytes } from './types.js';
