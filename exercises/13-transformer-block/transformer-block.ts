/**
 * Exercise 13 — the Transformer encoder block (Vaswani et al., 2017): self-attention and a per-position
 * feed-forward network, each wrapped in a residual connection and a layer norm.
 *
 *   FFN(x)             = max(0, x·W1 + b1)·W2 + b2                 (at every position on its own)
 *   addNorm(x, s)      = LayerNorm(x + s)                          (per position, over the E features)
 *   post-norm block:   y = addNorm(x, MHA(x)),        out = addNorm(y, FFN(y))          (the original paper)
 *   pre-norm block:    y = x + MHA(LN1(x)),           out = y + FFN(LN2(y))             (GPT-2 and most since)
 *
 * MHA is your multiHeadSelfAttention from exercise 10 and LayerNorm your layerNormForward from exercise 12.
 * Read README.md in this folder first; `npm run test:exercises -- 13` checks your work.
 */
import { multiHeadSelfAttention, type SelfAttentionParams } from '../10-self-attention/self-attention.ts';
import { layerNormForward } from '../12-layernorm/layernorm.ts';
import { add, addRow, mapMatrix, matmul } from '../shared/linalg.ts';
import type { Matrix, Tensor3, Vector } from '../shared/types.ts';

/** The scale and shift of one layer norm. */
export interface NormParams {
  /** gamma: [E] */ gamma: Vector;
  /** beta: [E] */ beta: Vector;
}

/** The weights of the position-wise feed-forward network (hidden size F, usually 4E). */
export interface FfnParams {
  /** W1: [E][F] */ W1: Matrix;
  /** b1: [F] */ b1: Vector;
  /** W2: [F][E] */ W2: Matrix;
  /** b2: [E] */ b2: Vector;
}

/** Everything one encoder block learns. */
export interface TransformerBlockParams {
  /** Wq, Wk, Wv, Wo: [E][E] each, as exercise 10's multiHeadSelfAttention takes them */ attention: SelfAttentionParams;
  /** The layer norm after (post-norm) or before (pre-norm) the attention */ norm1: NormParams;
  ffn: FfnParams;
  /** The layer norm after (post-norm) or before (pre-norm) the feed-forward network */ norm2: NormParams;
}

export interface TransformerBlockOptions {
  /** The number of attention heads; must divide E. */
  numHeads: number;
  /** Each position attends only to itself and earlier positions; default false. */
  causal?: boolean;
  /** Normalize each sublayer's input (GPT-2) instead of each residual sum (the original paper); default false. */
  preNorm?: boolean;
}

/**
 * x: [B][T][E], W1: [E][F], b1: [F], W2: [F][E], b2: [E] → [B][T][E], max(0, x·W1 + b1)·W2 + b2 at every
 * position (the same weights everywhere; positions never mix).
 */
export function positionwiseFFN(x: Tensor3, W1: Matrix, b1: Vector, W2: Matrix, b2: Vector): Tensor3 {
  throw new Error("TODO: implement positionwiseFFN. Hint: each example x[b] is a [T][E] matrix: matmul by W1, add b1 to every row, ReLU every entry, matmul by W2, add b2");
}

/** Given: layer norm of every position of x: [B][T][E] → [B][T][E], with exercise 12's layerNormForward on each example's [T][E]. */
function layerNorm(x: Tensor3, { gamma, beta }: NormParams): Tensor3 {
  return x.map((seq) => layerNormForward(seq, gamma, beta).out);
}

/** Given: the residual sum a + b of two [B][T][E] tensors. */
function residual(a: Tensor3, b: Tensor3): Tensor3 {
  return a.map((seq, n) => add(seq, b[n]!));
}

/**
 * Post-norm add & norm: x, sublayerOut: [B][T][E], gamma, beta: [E] → LayerNorm(x + sublayerOut) at every
 * position (ε = 1e-5), [B][T][E].
 */
export function addNorm(x: Tensor3, sublayerOut: Tensor3, gamma: Vector, beta: Vector): Tensor3 {
  throw new Error("TODO: implement addNorm. Hint: first the residual sum x + sublayerOut, then layer norm of each position (the helper layerNorm does it with your exercise 12)");
}

/**
 * One encoder block. x: [B][T][E], params (see TransformerBlockParams), options.numHeads (divides E),
 * options.causal, options.preNorm → out: [B][T][E].
 *   post-norm (preNorm false): y = addNorm(x, MHA(x)),     out = addNorm(y, FFN(y))
 *   pre-norm  (preNorm true):  y = x + MHA(LN1(x)),        out = y + FFN(LN2(y))
 */
export function transformerEncoderBlock(x: Tensor3, params: TransformerBlockParams, options: TransformerBlockOptions): Tensor3 {
  throw new Error("TODO: implement transformerEncoderBlock. Hint: write attention(z) = multiHeadSelfAttention(z, params.attention, numHeads, { causal }).out and ffn(z) = positionwiseFFN(z, …); then the two formulas, choosing by preNorm");
}
