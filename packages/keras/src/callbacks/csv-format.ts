// How CSVLogger writes cells: Python's csv module conventions (minimal quoting) and Python's spelling of
// non-finite floats, so files read the same as those Keras writes.

/** A log value as Python would print it: `nan`, `inf`, `-inf`, otherwise JavaScript's shortest form. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** Quotes a cell only when it holds the separator, a quote or a line break (quotes doubled). */
export function quoteCell(cell: string, separator: string): string {
  if (!cell.includes(separator) && !/["\r\n]/.test(cell)) return cell;
  return `"${cell.replace(/"/g, '""')}"`;
}

/** One CSV line (with its trailing newline). */
export function csvLine(cells: readonly string[], separator: string): string {
  return `${cells.map((c) => quoteCell(c, separator)).join(separator)}\n`;
}
