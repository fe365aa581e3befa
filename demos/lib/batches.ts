/**
 * Seeded shuffling and mini-batches, plus padding of integer sequences to a rectangle (with the mask of
 * the real positions) for batched sequence models.
 */
// The course's generator from the grader's copy of shared/, not the students' exercises/shared/: editing theirs
// changes neither the demos' shuffles nor the draws char-lm compares their `generate` with.
import { seededUniform, type Uniform } from '../../grader/runtime/shared/random.ts';

export { seededUniform, type Uniform };

/** A shuffled copy of `items` (Fisher–Yates with the given uniform draws). */
export function shuffled<T>(items: readonly T[], uniform: Uniform): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Splits `items` into a shuffled train part and a held-out part of `heldOutFraction` of them. */
export function splitHeldOut<T>(items: readonly T[], heldOutFraction: number, uniform: Uniform): { train: T[]; heldOut: T[] } {
  const mixed = shuffled(items, uniform);
  const cut = Math.round(mixed.length * (1 - heldOutFraction));
  return { train: mixed.slice(0, cut), heldOut: mixed.slice(cut) };
}

/**
 * An endless stream of mini-batches of `batchSize` items: each pass over `items` is freshly shuffled, and a
 * batch never spans two passes (a pass's last, incomplete batch is skipped; fewer items than `batchSize`
 * give batches of all of them).
 */
export function batchStream<T>(items: readonly T[], batchSize: number, uniform: Uniform): () => T[] {
  let pass: T[] = [];
  let at = 0;
  return () => {
    if (at + batchSize > pass.length) {
      pass = shuffled(items, uniform);
      at = 0;
    }
    const batch = pass.slice(at, at + batchSize);
    at += batchSize;
    return batch;
  };
}

/** All of `items` in order, in consecutive batches of at most `batchSize` (for evaluation). */
export function inBatches<T>(items: readonly T[], batchSize: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += batchSize) out.push(items.slice(i, i + batchSize));
  return out;
}

/** ids padded with `padId` to `length` (default: the longest) → ids [N][L] and mask [N][L] (1 = real position). */
export function padSequences(sequences: readonly (readonly number[])[], padId: number, length?: number): { ids: number[][]; mask: number[][] } {
  const L = length ?? Math.max(...sequences.map((s) => s.length));
  return {
    ids: sequences.map((s) => Array.from({ length: L }, (_, t) => s[t] ?? padId)),
    mask: sequences.map((s) => Array.from({ length: L }, (_, t) => (t < s.length ? 1 : 0))),
  };
}
