/**
 * The Q factor of a thin QR decomposition, computed on the host in float64 with Householder
 * reflections: `a` is an m x n matrix (row-major, m >= n) and the result is the m x n matrix Q with
 * orthonormal columns, signs chosen so that R's diagonal is non-negative (which makes the
 * decomposition unique, as Keras's `q * sign(diag(r))` does).
 */
export function orthonormalQ(a: ArrayLike<number>, m: number, n: number): Float64Array {
  if (m < n) throw new Error(`orthonormalQ: needs m >= n, got m=${m}, n=${n}`);
  const r = Float64Array.from(a as ArrayLike<number>);
  const reflectors: (Float64Array | null)[] = [];
  const reflectorNorms = new Float64Array(n);
  const rDiagonal = new Float64Array(n);

  for (let k = 0; k < n; k++) {
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += r[i * n + k] ** 2;
    const norm = Math.sqrt(norm2);
    if (norm === 0) {
      // A zero column (probability 0 for normal draws): no reflection, R[k][k] = 0.
      reflectors.push(null);
      continue;
    }
    // Reflect onto -sign(r_kk) * norm * e_k, the choice that avoids cancellation in v[0].
    const alpha = r[k * n + k] >= 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k];
    v[0] -= alpha;
    let vNorm2 = 0;
    for (let i = 0; i < v.length; i++) vNorm2 += v[i] * v[i];
    reflectHouseholder(r, n, k, k, m, v, vNorm2);
    reflectors.push(v);
    reflectorNorms[k] = vNorm2;
    rDiagonal[k] = alpha;
  }

  // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity, innermost first.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = reflectors[k];
    if (v) reflectHouseholder(q, n, k, k, m, v, reflectorNorms[k]);
  }
  for (let j = 0; j < n; j++) {
    if (rDiagonal[j] < 0) for (let i = 0; i < m; i++) q[i * n + j] = -q[i * n + j];
  }
  return q;
}

/** Applies H = I - 2 v vᵀ / (vᵀ v) to rows [row0, m) and columns [col0, n) of a row-major matrix. */
function reflectHouseholder(x: Float64Array, n: number, row0: number, col0: number, m: number, v: Float64Array, vNorm2: number): void {
  for (let j = col0; j < n; j++) {
    let dot = 0;
    for (let i = row0; i < m; i++) dot += v[i - row0] * x[i * n + j];
    const f = (2 * dot) / vNorm2;
    for (let i = row0; i < m; i++) x[i * n + j] -= f * v[i - row0];
  }
}
