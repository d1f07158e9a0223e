import { SeedGenerator, normalFromWords, randomPermutation, randomWords, uniformFromWord } from 'neurite';

/** A seeded stream of uniforms and normals on Neurite's counter-based generator (Philox). */
export class SeededStream {
  private readonly generator: SeedGenerator;

  constructor(seed: number) {
    this.generator = new SeedGenerator(seed);
  }

  /** n uniforms in [0, 1). */
  uniforms(n: number): Float64Array {
    const words = randomWords(this.generator.next(), n);
    return Float64Array.from(words, uniformFromWord);
  }

  /** n standard normals. */
  normals(n: number): Float64Array {
    const words = randomWords(this.generator.next(), 2 * n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = normalFromWords(words[2 * i], words[2 * i + 1]);
    return out;
  }

  /** A permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    return randomPermutation(n, this.generator);
  }
}
