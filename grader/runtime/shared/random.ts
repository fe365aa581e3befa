/**
 * Seeded randomness for the exercises that draw random numbers (07's sampling, 15's noise): the same seed
 * gives the same draws on every machine, so your function and the reference see identical numbers.
 * Built on pure-rand's Mersenne Twister, which spreads even small seeds (0, 1, 2) over [0, 1) from the first draw.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { mersenne } from 'pure-rand/generator/mersenne';

/** A source of uniform draws in [0, 1): call it once per number you need. */
export type Uniform = () => number;

/** The stream of uniform draws in [0, 1) that `seed` (an integer) starts. */
export function seededUniform(seed: number): Uniform {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const generator = mersenne(seed);
  return () => uniformFloat64(generator);
}

/**
 * One standard normal draw from two uniform draws (Box–Muller, the cosine branch):
 * z = √(−2 ln(1 − u₁)) · cos(2π u₂). Uses exactly two draws of `uniform` per call.
 */
export function standardNormal(uniform: Uniform): number {
  const u1 = uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}
