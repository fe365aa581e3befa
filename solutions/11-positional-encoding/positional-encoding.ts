/**
 * Exercise 11 — sinusoidal positional encoding (Vaswani et al., 2017).
 *
 *   PE[pos][2i]     = sin(pos / 10000^(2i/D))
 *   PE[pos][2i + 1] = cos(pos / 10000^(2i/D))
 *
 * pos = 0..T−1 is the position, D the model width; columns 2i and 2i + 1 share one frequency. An odd D ends
 * with a lone sin column. Read README.md in this folder first; `npm run test:exercises -- 11` checks your work.
 */
import type { Matrix, Tensor3 } from '../shared/types.ts';

/**
 * The encoding of positions 0..T−1 in D dimensions: Matrix [T][D].
 * Throws a RangeError unless T and D are positive integers.
 */
export function sinusoidalEncoding(T: number, D: number): Matrix {
  // BEGIN SOLUTION hint: check T and D first; column j uses the frequency of its pair, 2i = j − (j mod 2), and sin when j is even, cos when odd
  for (const [name, value] of [
    ['T', T],
    ['D', D],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return Array.from({ length: T }, (_, pos) =>
    Array.from({ length: D }, (_, j) => {
      const twoI = j - (j % 2);
      const angle = pos / Math.pow(10000, twoI / D);
      return j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }),
  );
  // END SOLUTION
}

/**
 * Adds the encoding to every sequence of a batch: x: [N][T][D] → x + PE, same shape (x is left untouched).
 */
export function addPositionalEncoding(x: Tensor3): Tensor3 {
  // BEGIN SOLUTION hint: build PE once with sinusoidalEncoding(T, D) and add PE[t][d] to x[n][t][d] in a new array
  const T = x[0]?.length ?? 0;
  const D = x[0]?.[0]?.length ?? 0;
  if (x.length === 0 || T === 0 || D === 0) return x.map((seq) => seq.map((row) => [...row]));
  const pe = sinusoidalEncoding(T, D);
  return x.map((seq) => seq.map((row, t) => row.map((v, d) => v + pe[t]![d]!)));
  // END SOLUTION
}
