/** 09-attention's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used). */
import type { Matrix, Tensor3, Vector } from '../shared/types.ts';
import type { DiagnosisContext } from '../diagnose.ts';

/**
 * The attention-mask diagnoser's context for weights [B][Q][K] of a masked softmax with valid lengths
 * ([B]: one per batch, [B][Q]: one per query; none: every key allowed): 1 where j < the row's length.
 */
export function validLensContext(shape: readonly [B: number, Q: number, K: number], validLens?: Vector | Matrix, scores?: Tensor3): DiagnosisContext {
  const [B, Q, K] = shape;
  const lengthOf = (b: number, i: number): number => {
    const lens = validLens?.[b];
    return lens === undefined ? K : Array.isArray(lens) ? lens[i]! : lens;
  };
  const mask = Array.from({ length: B }, (_, b) => Array.from({ length: Q }, (_, i) => Array.from({ length: K }, (_, j) => (j < lengthOf(b, i) ? 1 : 0))));
  return scores ? { mask, scores } : { mask };
}
