/** 17-word-embeddings' classic mistakes (grader/runtime/mistakes/shared.ts says how they are used). */
import type { Matrix, Tensor3 } from '../shared/types.ts';

export const EMBEDDING_GRAD_OVERWRITTEN =
  'Looks like a repeated id overwrites its gradient: the row of an id that occurs several times must be the sum of all its dout rows (+=, not =).';
export const COSINE_NOT_NORMALIZED = 'Looks like the dot product is not divided by the norms: cosine similarity is a·b / (‖a‖ ‖b‖).';

/**
 * dout with every position zeroed whose id occurs again later in ids (row-major order): the gradient of the
 * embedding on it is what a backward pass computes that overwrites (dW[id] = dout) instead of adding.
 */
export function keepLastOccurrence(dout: Tensor3, ids: Matrix): Tensor3 {
  const last = new Map<number, string>();
  ids.forEach((row, n) => row.forEach((id, t) => last.set(id, `${n},${t}`)));
  return dout.map((row, n) => row.map((g, t) => (last.get(ids[n]![t]!) === `${n},${t}` ? g : g.map(() => 0))));
}

/** The mistakes 17's public fixtures carry a known wrong answer for, by mistake id (see ./fixture-mistakes.ts). */
export const FIXTURE_MISTAKES: Readonly<Record<string, string>> = {
  'embedding-grad-overwritten': EMBEDDING_GRAD_OVERWRITTEN,
  'cosine-not-normalized': COSINE_NOT_NORMALIZED,
};
