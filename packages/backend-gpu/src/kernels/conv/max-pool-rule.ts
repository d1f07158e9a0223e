/**
 * Kernel-source condition: whether a max-pool window scan replaces its held value `best` with the next
 * in-bounds value `v`, the CPU's rule (backend-cpu max-pool-argmax.ts): the first value (`found` is 0
 * until then), then anything strictly larger (so the first maximum wins ties), or a NaN unless a NaN is
 * held (so the first NaN wins and propagates). Padding is never scanned.
 */
export function MAX_POOL_TAKES(v: string, best: string, found: string): string {
  return `${found} == 0 || ${v} > ${best} || (${v} != ${v} && ${best} == ${best})`;
}
