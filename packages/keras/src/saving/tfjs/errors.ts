import type { NeuriteError } from '@neurite/tensor';
import { fileError as sourceFileError } from '../sources/index.js';

export { formatShape, messageOf } from '../sources/index.js';

/** The file being read and the public function reading it, for error messages. */
export interface FileRef {
  op: string;
  file: string;
}

/** An error about one file: `<op>: '<file>': <message>`. */
export function fileError(ref: FileRef, message: string, cause?: unknown): NeuriteError {
  return sourceFileError(ref.op, ref.file, message, cause);
}
