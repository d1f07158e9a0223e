import { NeuriteError } from '@neurite/tensor';

/** An error about one file: the message starts with the operation and the file it concerns. */
export function fileError(operation: string, file: string, message: string, cause?: unknown): NeuriteError {
  const error = new NeuriteError(`${operation}: '${file}': ${message}`);
  if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

/** The message of anything thrown. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
