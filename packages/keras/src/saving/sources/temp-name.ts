/**
 * A fresh name beside `target` for a file about to replace it: `<target>.tmp-<pid>-<16 random hex
 * digits>`. The random part keeps concurrent saves to one path (in one process or several) apart, and a
 * temporary file left by a killed process from blocking later saves (containers reuse process ids).
 */
export function tempNameFor(target: string): string {
  const random = new Uint8Array(8);
  globalThis.crypto.getRandomValues(random);
  const hex = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${target}.tmp-${process.pid}-${hex}`;
}
