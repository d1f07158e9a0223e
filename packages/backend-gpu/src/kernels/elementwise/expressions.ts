/**
 * Kernel-source expressions shared by elementwise programs. They avoid functions whose GLSL/WGSL
 * versions lose precision or are undefined where JavaScript's are not (log1p and expm1 near 0, tanh for
 * large |x|, pow of a negative base): results must agree with the CPU backend within 1e-4 relative.
 */

/**
 * log(1 + v): directly where |v| > 0.01 (the rounding of 1 + v costs under 1e-5 relative there), a
 * Taylor series below (error under 1e-10 relative). Goldberg's trick, log(u) * v / (u - 1), is not used:
 * shader compilers simplify (1 + v) - 1 to v and break it.
 */
export const log1p = (v: string) =>
  `(Math.abs(${v}) > 0.01 ? Math.log(1 + ${v}) : ${v} * (1 + ${v} * (-0.5 + ${v} * (0.3333333333333333 + ${v} * (-0.25 + ${v} * 0.2)))))`;

/** exp(v) - 1: directly where |v| > 0.01, a Taylor series below (error under 1e-12 there). */
export const expm1 = (v: string) =>
  `(Math.abs(${v}) > 0.01 ? Math.exp(${v}) - 1 : ${v} * (1 + ${v} * (0.5 + ${v} * (0.16666666666666666 + ${v} * 0.041666666666666664))))`;

/** tanh(v) from exp(-2|v|), which never overflows; a series below 0.01 keeps small values exact. */
export const tanh = (v: string) =>
  `(Math.abs(${v}) < 0.01 ? ${v} - ${v} * ${v} * ${v} / 3 : (${v} < 0 ? -1 : 1) * (1 - Math.exp(-2 * Math.abs(${v}))) / (1 + Math.exp(-2 * Math.abs(${v}))))`;

/** erfc(v): the same Chebyshev fit as the CPU backend (relative error below 1.2e-7). */
export function erfcStatements(v: string, out: string): string {
  return `const ez = Math.abs(${v});
  const et = 1 / (1 + 0.5 * ez);
  const epoly = -1.26551223 + et * (1.00002368 + et * (0.37409196 + et * (0.09678418 + et * (-0.18628806 +
    et * (0.27886807 + et * (-1.13520398 + et * (1.48851587 + et * (-0.82215223 + et * 0.17087277))))))));
  const er = et * Math.exp(-ez * ez + epoly);
  const ${out} = ${v} >= 0 ? er : 2 - er;`;
}

/** JavaScript's Math.pow: negative bases with integer exponents (NaN otherwise), and pow(x, 0) = 1. Needs `nan`. */
export const pow = (a: string, b: string) =>
  `(${b} == 0 ? 1 : (${a} < 0 ? (Math.floor(${b}) == ${b} ? (Math.floor(${b} * 0.5) * 2 == ${b} ? 1 : -1) * Math.pow(-${a}, ${b}) : nan) : Math.pow(${a}, ${b})))`;
