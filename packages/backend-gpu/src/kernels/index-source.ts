import { divmod } from '../program.js';

/**
 * Kernel-source snippet: the coordinates c0..c{rank-1} of flat index `index` in a row-major shape whose
 * dimensions are the kernel arguments d0..d{rank-1}.
 */
export function unravelSource(rank: number, index: string, dim = (axis: number) => `d${axis}`): string {
  const lines: string[] = [`let rest${rank} = ${index};`];
  for (let axis = rank - 1; axis >= 1; axis--) {
    lines.push(divmod(`rest${axis}`, `c${axis}`, `rest${axis + 1}`, dim(axis)));
  }
  lines.push(`const c0 = rest1;`);
  return lines.join('\n  ');
}

/** `name0, name1, ...` for the kernel's argument list. */
export function argList(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(', ');
}
