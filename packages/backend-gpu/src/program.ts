/**
 * A GPU program: one gpu.js kernel function, compiled once per backend and reused for every shape.
 * Sources are strings (not functions) so bundlers and test transforms cannot rewrite them, and so a
 * program can be generated (an elementwise expression, an index computation for a given rank).
 *
 * Convention: the function takes the input tensors first, then the numbers the kernel needs
 * (`uniforms`), and computes output element `this.thread.x` of a flat 1-D output. Every shape is an
 * argument, so nothing is recompiled when shapes change.
 */
export interface Program {
  /** Unique name, used by the compile cache and in error messages. */
  readonly name: string;
  /** `function (x, n) { ... return value; }`, in the subset of JavaScript gpu.js translates. */
  readonly source: string;
}

const programs = new Map<string, Program>();

/** Defines (or returns the already defined) program with this name. */
export function program(name: string, source: string | (() => string)): Program {
  let found = programs.get(name);
  if (!found) {
    found = { name, source: typeof source === 'string' ? source : source() };
    programs.set(name, found);
  }
  return found;
}

/**
 * Kernel-source snippet: `q = floor(num / den)` and `r = num - q * den` for non-negative integers held
 * in floats (GLSL ES 1.00 and gpu.js's WebGPU/WebAssembly code compute in float32). Dividing in float32
 * can land a hair below an integer; the two corrections make the result exact for values below 2^24.
 */
export function divmod(q: string, r: string, num: string, den: string): string {
  return `let ${q} = Math.floor((${num} + 0.5) / ${den});
  let ${r} = ${num} - ${q} * ${den};
  if (${r} < 0) { ${q} = ${q} - 1; ${r} = ${r} + ${den}; }
  if (${r} >= ${den}) { ${q} = ${q} + 1; ${r} = ${r} - ${den}; }`;
}
