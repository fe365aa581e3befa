/**
 * 13-transformer-block's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used); its
 * attention's causal mistakes are 10-self-attention's.
 */
import type { Matrix, Vector } from '../shared/types.ts';

export const FFN_NO_RELU = 'Looks like the ReLU is missing: your output is x·W1·W2 plus the biases. The hidden layer is max(0, x·W1 + b1).';
export const ADDNORM_NORM_BEFORE_ADD = 'Looks like x is normalized before the residual add: yours is LayerNorm(x) + sublayerOut. Post-norm adds first, then normalizes: LayerNorm(x + sublayerOut).';
export const ADDNORM_NORM_SUBLAYER = 'Looks like only the sublayer is normalized: yours is x + LayerNorm(sublayerOut). Post-norm normalizes the sum: LayerNorm(x + sublayerOut).';
export const PRE_POST_SWAPPED = (preNorm: boolean): string =>
  preNorm
    ? 'Looks like your block is post-norm though preNorm is true: pre-norm normalizes the input of each sublayer, y = x + MHA(LN1(x)), out = y + FFN(LN2(y)).'
    : 'Looks like your block is pre-norm though preNorm is false: post-norm normalizes after each residual add, y = LN1(x + MHA(x)), out = LN2(y + FFN(y)).';

/**
 * Weights with which the ReLU feed-forward network computes the one without ReLU: relu(a) − relu(−a) = a, so
 * W1' = [W1 | −W1], b1' = [b1 | −b1], W2' = [W2 ; −W2] (the reference on these gives the no-ReLU student's answer).
 */
export function ffnWeightsWithoutRelu(W1: Matrix, b1: Vector, W2: Matrix): { W1: Matrix; b1: Vector; W2: Matrix } {
  return { W1: W1.map((row) => [...row, ...row.map((v) => -v)]), b1: [...b1, ...b1.map((v) => -v)], W2: [...W2, ...W2.map((row) => row.map((v) => -v))] };
}

/** The mistakes 13's public fixtures carry a known wrong answer for, by mistake id (see ./fixture-mistakes.ts). */
export const FIXTURE_MISTAKES: Readonly<Record<string, string>> = { 'ffn-no-relu': FFN_NO_RELU };
