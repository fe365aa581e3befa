/**
 * Seeded random inputs for suites and fixture scripts (pure-rand's xoroshiro128+), so every run of a
 * suite sees the same numbers for the same seed.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Matrix, Tensor3, Vector } from './shared/types.ts';

export interface Random {
  /** Uniform in [lo, hi). */
  uniform(lo?: number, hi?: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  vector(n: number, scale?: number): Vector;
  /** rows × cols, entries uniform in [−scale, scale). */
  matrix(rows: number, cols: number, scale?: number): Matrix;
  tensor3(a: number, b: number, c: number, scale?: number): Tensor3;
}

export function makeRandom(seed: number): Random {
  const generator = xoroshiro128plus(seed);
  const uniform = (lo = 0, hi = 1): number => lo + (hi - lo) * uniformFloat64(generator);
  const vector = (n: number, scale = 1): Vector => Array.from({ length: n }, () => uniform(-scale, scale));
  const matrix = (rows: number, cols: number, scale = 1): Matrix => Array.from({ length: rows }, () => vector(cols, scale));
  return {
    uniform,
    int: (n) => Math.floor(uniform(0, n)),
    vector,
    matrix,
    tensor3: (a, b, c, scale = 1) => Array.from({ length: a }, () => matrix(b, c, scale)),
  };
}
