/**
 * Reference for 10-self-attention: projections, scaled dot-product attention with a 0/1 mask (masked scores
 * set to −∞ before the softmax, so their weights are exactly 0), the causal mask, heads split by reshape and
 * transpose, and multi-head self-attention; its gradients by tf.grads. The tensor-level functions are
 * exported for 13-transformer-block's reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SelfAttentionOptions, SelfAttentionParams } from '../exercises/10-self-attention/self-attention.ts';
import type { Matrix, Tensor3, Tensor4 } from '../grader/runtime/shared/types.ts';
import { gradients, read } from './convert.ts';

/** The weights of SelfAttentionParams as tensors. */
export interface AttentionTensors {
  Wq: tf.Tensor2D;
  Wk: tf.Tensor2D;
  Wv: tf.Tensor2D;
  Wo: tf.Tensor2D;
}

export const attentionTensors = ({ Wq, Wk, Wv, Wo }: SelfAttentionParams): AttentionTensors => ({
  Wq: tf.tensor2d(Wq),
  Wk: tf.tensor2d(Wk),
  Wv: tf.tensor2d(Wv),
  Wo: tf.tensor2d(Wo),
});

/** x: [B][T][E] · W: [E][F] → [B][T][F]: the same matrix at every position (one matmul over all B·T rows). */
export function atEveryPosition(x: tf.Tensor3D, W: tf.Tensor2D): tf.Tensor3D {
  const [B, T, E] = x.shape;
  return tf.reshape(tf.matMul(tf.reshape(x, [B * T, E]), W), [B, T, W.shape[1]]);
}

/** Throws the course's RangeErrors for a mask that does not fit [Tq][Tk] or has a row allowing nothing. */
function checkMask(mask: Matrix, Tq: number, Tk: number): void {
  if (mask.length !== Tq || mask.some((row) => row.length !== Tk)) throw new RangeError(`the mask must be [${Tq}][${Tk}]`);
  const empty = mask.findIndex((row) => row.every((m) => m === 0));
  if (empty >= 0) throw new RangeError(`mask row ${empty} allows no key`);
}

/** q kᵀ / √dk over the last two axes (any number of leading batch axes). */
function scaledScores<R extends tf.Rank>(q: tf.Tensor<R>, k: tf.Tensor<R>): tf.Tensor<R> {
  return tf.div(tf.matMul(q as tf.Tensor3D, k as tf.Tensor3D, false, true), Math.sqrt(q.shape[q.rank - 1]!)) as tf.Tensor<R>;
}

/** softmax(q kᵀ / √dk) with the mask (broadcast over the leading axes) applied as −∞ scores, and weights · v. */
function attend<R extends tf.Rank>(q: tf.Tensor<R>, k: tf.Tensor<R>, v: tf.Tensor<R>, mask?: tf.Tensor2D): { out: tf.Tensor<R>; weights: tf.Tensor<R> } {
  const scores = scaledScores(q, k);
  const masked = mask ? tf.where(tf.broadcastTo(tf.greater(mask, 0), scores.shape), scores, tf.fill(scores.shape, -Infinity)) : scores;
  const weights = tf.softmax(masked) as tf.Tensor<R>;
  return { out: tf.matMul(weights as tf.Tensor3D, v as tf.Tensor3D) as tf.Tensor<R>, weights };
}

/** [B][T][E] → [B][h][T][E/h] by reshape to [B][T][h][E/h] and swapping the T and h axes. */
function splitHeadsTensor(x: tf.Tensor3D, h: number): tf.Tensor4D {
  const [B, T, E] = x.shape;
  return tf.transpose(tf.reshape(x, [B, T, h, E / h]), [0, 2, 1, 3]);
}

function mergeHeadsTensor(x: tf.Tensor4D): tf.Tensor3D {
  const [B, h, T, d] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [B, T, h * d]);
}

function causalMaskTensor(T: number): tf.Tensor2D {
  return tf.linalg.bandPart(tf.ones([T, T]), -1, 0);
}

function checkHeads(E: number, h: number): void {
  if (!Number.isInteger(h) || h < 1 || E % h !== 0) throw new RangeError(`numHeads ${h} must divide E = ${E}`);
}

/** Multi-head self-attention on tensors: x [B][T][E] → out [B][T][E], weights [B][h][T][T]. */
export function selfAttention(x: tf.Tensor3D, W: AttentionTensors, numHeads: number, causal: boolean): { out: tf.Tensor3D; weights: tf.Tensor4D } {
  checkHeads(x.shape[2], numHeads);
  const [q, k, v] = [W.Wq, W.Wk, W.Wv].map((w) => splitHeadsTensor(atEveryPosition(x, w), numHeads)) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  const { out, weights } = attend(q, k, v, causal ? causalMaskTensor(x.shape[1]) : undefined);
  return { out: atEveryPosition(mergeHeadsTensor(out), W.Wo), weights };
}

export function projectQKV(x: Tensor3, Wq: Matrix, Wk: Matrix, Wv: Matrix): { q: Tensor3; k: Tensor3; v: Tensor3 } {
  return read(() => {
    const xt = tf.tensor3d(x);
    return { q: atEveryPosition(xt, tf.tensor2d(Wq)), k: atEveryPosition(xt, tf.tensor2d(Wk)), v: atEveryPosition(xt, tf.tensor2d(Wv)) };
  });
}

/** q kᵀ / √dk: [B][Tq][Tk], the logits the attention weights are the (masked) softmax of. */
export function attentionScores(q: Tensor3, k: Tensor3): Tensor3 {
  return read(() => ({ scores: scaledScores(tf.tensor3d(q), tf.tensor3d(k)) })).scores;
}

export function scaledDotProductAttention(q: Tensor3, k: Tensor3, v: Tensor3, mask?: Matrix): { out: Tensor3; weights: Tensor3 } {
  if (mask) checkMask(mask, q[0]!.length, k[0]!.length);
  return read(() => attend(tf.tensor3d(q), tf.tensor3d(k), tf.tensor3d(v), mask ? tf.tensor2d(mask) : undefined));
}

export function causalMask(T: number): Matrix {
  return read(() => ({ mask: causalMaskTensor(T) })).mask;
}

export function splitHeads(x: Tensor3, h: number): Tensor4 {
  checkHeads(x[0]![0]!.length, h);
  return read(() => ({ heads: splitHeadsTensor(tf.tensor3d(x), h) })).heads;
}

export function mergeHeads(x: Tensor4): Tensor3 {
  return read(() => ({ merged: mergeHeadsTensor(tf.tensor4d(x)) })).merged;
}

export function multiHeadSelfAttention(
  x: Tensor3,
  params: SelfAttentionParams,
  numHeads: number,
  { causal = false }: SelfAttentionOptions = {},
): { out: Tensor3; weights: Tensor4 } {
  return read(() => selfAttention(tf.tensor3d(x), attentionTensors(params), numHeads, causal));
}

/** Gradients of Σ dout ⊙ out with respect to x and the four weights, by tfjs autodiff. */
export function multiHeadSelfAttentionGrads(
  x: Tensor3,
  params: SelfAttentionParams,
  numHeads: number,
  { causal = false }: SelfAttentionOptions,
  dout: Tensor3,
): { dx: Tensor3; dWq: Matrix; dWk: Matrix; dWv: Matrix; dWo: Matrix } {
  return read(() => {
    const { Wq, Wk, Wv, Wo } = attentionTensors(params);
    const loss = (xt: tf.Tensor3D, q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, o: tf.Tensor2D) =>
      tf.sum(tf.mul(tf.tensor3d(dout), selfAttention(xt, { Wq: q, Wk: k, Wv: v, Wo: o }, numHeads, causal).out));
    const [dx, dWq, dWk, dWv, dWo] = gradients(loss, [tf.tensor3d(x), Wq, Wk, Wv, Wo] as const);
    return { dx, dWq, dWk, dWv, dWo };
  });
}
