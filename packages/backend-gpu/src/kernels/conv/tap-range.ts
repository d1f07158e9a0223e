/**
 * Kernel-source snippet: for one filter tap at offset `off` (= f * dilation - pad) along an axis, the
 * output positions o whose input position o * stride + off lies in [0, inSize): declares `lo` (the
 * first) and `count` (how many, 0 when none). Divisions are floored as `(t + 0.5) / s` or
 * `(t + s - 0.5) / s`, which sit half a step from any integer and so floor exactly in float32 for the
 * small integers here.
 */
export function tapRangeSource(lo: string, count: string, off: string, stride: string, inSize: string, outSize: string): string {
  return `const ${lo}Off = ${off};
  const ${lo} = ${lo}Off >= 0 ? 0 : Math.floor((${stride} - 0.5 - ${lo}Off) / ${stride});
  const ${lo}Last = ${inSize} - 1 - ${lo}Off;
  const ${lo}Hi = ${lo}Last < 0 ? -1 : Math.min(${outSize} - 1, Math.floor((${lo}Last + 0.5) / ${stride}));
  const ${count} = ${lo}Hi >= ${lo} ? ${lo}Hi - ${lo} + 1 : 0;`;
}
