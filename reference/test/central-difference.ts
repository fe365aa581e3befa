/**
 * Float64 central differences: the independent check of the reference's autodiff gradients.
 * Tiny sizes only (two evaluations of `f` per entry).
 */
import type { Nested } from '../../grader/runtime/check.ts';

/** ∂f/∂x for every entry of x, by (f(x + ε) − f(x − ε)) / 2ε with x copied, never mutated. */
export function centralDifference<X extends Nested>(f: (x: X) => number, x: X, epsilon = 1e-6): X {
  const flat = flatten(x);
  const grad = flat.map((_, i) => {
    const plus = [...flat];
    const minus = [...flat];
    plus[i]! += epsilon;
    minus[i]! -= epsilon;
    return (f(unflatten(plus, x)) - f(unflatten(minus, x))) / (2 * epsilon);
  });
  return unflatten(grad, x);
}

/** Σ upstream ⊙ y: turns a vector-valued function into the scalar whose gradient is the VJP. */
export function dot(upstream: Nested, y: Nested): number {
  const a = flatten(upstream);
  const b = flatten(y);
  if (a.length !== b.length) throw new Error(`dot: ${a.length} vs ${b.length} entries`);
  return a.reduce((sum, v, i) => sum + v * b[i]!, 0);
}

function flatten(x: Nested): number[] {
  return Array.isArray(x) ? x.flatMap(flatten) : [x];
}

function unflatten<X extends Nested>(values: number[], like: X): X {
  let next = 0;
  const build = (shape: Nested): Nested => (Array.isArray(shape) ? shape.map(build) : values[next++]!);
  return build(like) as X;
}
