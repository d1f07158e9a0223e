import { NeuriteError } from '@neurite/tensor';
import type { LossLike } from '../losses/loss.js';

const show = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** yTrue's shape equals yPred's, up to a trailing axis of 1 on either side (Keras's rank alignment). */
function alignedEqual(t: readonly number[], p: readonly number[]): boolean {
  if (same(t, p)) return true;
  if (t.length === p.length + 1 && t[t.length - 1] === 1) return same(t.slice(0, -1), p);
  if (p.length === t.length + 1 && p[p.length - 1] === 1) return same(t, p.slice(0, -1));
  return false;
}

/** yTrue holds one class index per row of yPred: yPred's shape without its last axis (or with it as 1). */
function labelsFor(t: readonly number[], p: readonly number[]): boolean {
  const rows = p.slice(0, -1);
  return p.length >= 2 && (same(t, rows) || same(t, [...rows, 1]));
}

/**
 * Checks, at the first batch, that the targets fit the loss and the output, so that a mismatch reads as
 * such (not as a broadcasting error deep inside the loss): sparse losses take class indices, the others
 * targets of the output's shape; one-hot/index mix-ups get the other loss suggested.
 */
export function checkLossFits(owner: string, loss: LossLike, outputName: string, yTrue: readonly number[], yPred: readonly number[]): void {
  const id = `${loss.className} ${loss.name}`.toLowerCase().replace(/_/g, '');
  const sparse = id.includes('sparse');
  const categorical = !sparse && id.includes('categoricalcrossentropy');
  const where = `the loss ${loss.className} ('${loss.name}') does not fit output '${outputName}': y has shape ${show(yTrue)} and the output has shape ${show(yPred)}`;
  if (sparse) {
    if (labelsFor(yTrue, yPred)) return;
    const hint = same(yTrue, yPred) ? '; y looks one-hot encoded, so use categoricalCrossentropy (or pass class indices)' : '';
    throw new NeuriteError(`${owner}: ${where}. A sparse loss takes one integer class index per sample, y of shape ${show(yPred.slice(0, -1))}${hint}`);
  }
  if (alignedEqual(yTrue, yPred)) return;
  if (categorical && labelsFor(yTrue, yPred) && (yPred[yPred.length - 1] ?? 1) > 1) {
    throw new NeuriteError(
      `${owner}: ${where}. y looks like integer class indices: use sparseCategoricalCrossentropy, or one-hot encode y to shape ${show(yPred)}`,
    );
  }
  throw new NeuriteError(`${owner}: ${where}. ${loss.className} needs y of the output's shape ${show(yPred)}`);
}
