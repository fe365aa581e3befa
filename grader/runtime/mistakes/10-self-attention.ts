/**
 * 10-self-attention's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used): the
 * sentences, and the reorderings that build wrong answers. 13-transformer-block reuses the causal ones.
 */
import type { Tensor3 } from '../shared/types.ts';

export const ATTENTION_UNSCALED =
  'Looks like the scores are not scaled: your weights are the softmax of q·kᵀ itself. Divide every score by √dk before the softmax ' +
  '(without it, large dk makes the scores large and the softmax nearly one-hot).';
export const ATTENTION_SCALED_BY_DK = 'Looks like the scores are divided by dk instead of √dk: your weights are the softmax of q·kᵀ / dk.';
export const CAUSAL_MASK_TRANSPOSED =
  'Looks like the causal mask is transposed: your position i attends to the positions j ≥ i (the future). The causal mask is 1 where j ≤ i.';
export const CAUSAL_IGNORED = 'Looks like the causal option is ignored: your output is that of attention without a mask. With causal, position i attends only to j ≤ i.';
export const MASK_WHERE_NOT_ASKED = 'Looks like a causal mask is applied though causal is false: without it, every position attends to every position.';
export const HEADS_INTERLEAVED =
  'Looks like the heads are interleaved: your head i takes the features i, i + h, i + 2h, … Head i takes the contiguous block of features i·E/h … (i+1)·E/h − 1.';
export const MERGE_INTERLEAVED =
  'Looks like mergeHeads interleaves the heads: your position t holds feature 0 of every head, then feature 1 of every head, … ' +
  'It should hold all d features of head 0, then all of head 1, … (the inverse of splitHeads).';
export const WO_MISSING = 'Looks like Wo is missing: your output is the concatenated heads. Multi-head attention multiplies them by Wo at the end.';

/**
 * Feature order `order` with order[i·d + j] = j·h + i (d = E/h): x with its last axis read in this order, split into
 * contiguous heads, gives the heads an interleaving student builds (head i = features i, i + h, …). With h
 * replaced by E/h, it turns contiguously merged heads into interleaved ones.
 */
export function interleavedFeatureOrder(E: number, h: number): number[] {
  const d = E / h;
  return Array.from({ length: E }, (_, k) => (k % d) * h + Math.floor(k / d));
}

/** x: [B][T][E] with its last axis read in `order`: result[b][t][k] = x[b][t][order[k]]. */
export const reorderFeatures = (x: Tensor3, order: readonly number[]): Tensor3 => x.map((seq) => seq.map((row) => order.map((f) => row[f]!)));

/** The mistakes 10's public fixtures carry a known wrong answer for, by mistake id (see ./fixture-mistakes.ts). */
export const FIXTURE_MISTAKES: Readonly<Record<string, string>> = {
  'attention-unscaled': ATTENTION_UNSCALED,
  'attention-scaled-by-dk': ATTENTION_SCALED_BY_DK,
  'causal-mask-transposed': CAUSAL_MASK_TRANSPOSED,
  'heads-interleaved': HEADS_INTERLEAVED,
  'merge-interleaved': MERGE_INTERLEAVED,
};
