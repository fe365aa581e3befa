/**
 * Reference for 09-attention: dot and additive (Bahdanau) scores, the masked softmax over the keys, the
 * weighted sum of the values, and the gradients of the whole chain by tfjs autodiff.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdditiveAttentionParams } from '../exercises/09-attention/attention.ts';
import type { Matrix, Tensor3, Vector } from '../grader/runtime/shared/types.ts';
import { gradients, read } from './convert.ts';

/** q [B][Q][d] · k [B][K][d]ᵀ → [B][Q][K] */
function dot(q: tf.Tensor3D, k: tf.Tensor3D): tf.Tensor3D {
  return tf.matMul(q, k, false, true);
}

/** wv · tanh(q·Wq + k·Wk) for every (query, key) pair: q [B][Q][dq], k [B][K][dk] → [B][Q][K]. */
function additive(q: tf.Tensor3D, k: tf.Tensor3D, Wq: tf.Tensor2D, Wk: tf.Tensor2D, wv: tf.Tensor1D): tf.Tensor3D {
  const project = (x: tf.Tensor3D, W: tf.Tensor2D) => {
    const [B, L, d] = x.shape;
    return tf.reshape(tf.matMul(tf.reshape(x, [B * L, d]), W), [B, L, W.shape[1]]);
  };
  const queries = tf.expandDims(project(q, Wq), 2); // [B][Q][1][A]
  const keys = tf.expandDims(project(k, Wk), 1); // [B][1][K][A]
  return tf.sum(tf.mul(tf.tanh(tf.add(queries, keys)), wv), -1) as tf.Tensor3D;
}

/**
 * The 0/1 mask [B][Q][K] of the keys each query may attend to (1: j < its valid length), or a RangeError
 * when the lengths do not fit: the same contract as the exercise.
 */
export function validMask(B: number, Q: number, K: number, validLens?: Vector | Matrix): Tensor3 {
  if (validLens !== undefined && validLens.length !== B) throw new RangeError(`validLens has ${validLens.length} entries for a batch of ${B}`);
  return Array.from({ length: B }, (_, b) =>
    Array.from({ length: Q }, (_, i) => {
      const lens = validLens?.[b];
      if (Array.isArray(lens) && lens.length !== Q) throw new RangeError(`validLens[${b}] has ${lens.length} lengths for ${Q} queries`);
      const len = lens === undefined ? K : Array.isArray(lens) ? lens[i]! : lens;
      if (!Number.isInteger(len) || len < 1 || len > K) throw new RangeError(`valid length ${len} must be an integer from 1 to ${K}`);
      return Array.from({ length: K }, (_, j) => (j < len ? 1 : 0));
    }),
  );
}

/** Softmax over the last axis with the masked scores at −∞, so that their weights are exactly 0. */
function masked(scores: tf.Tensor3D, mask: Tensor3): tf.Tensor3D {
  const allowed = tf.cast(tf.tensor3d(mask), 'bool');
  return tf.softmax(tf.where(allowed, scores, tf.fill(scores.shape, -Infinity))) as tf.Tensor3D;
}

const shapeOf = (scores: Tensor3): [number, number, number] => [scores.length, scores[0]?.length ?? 0, scores[0]?.[0]?.length ?? 0];

export function dotScores(q: Tensor3, k: Tensor3): Tensor3 {
  return read(() => ({ scores: dot(tf.tensor3d(q), tf.tensor3d(k)) })).scores;
}

export function additiveScores(q: Tensor3, k: Tensor3, Wq: Matrix, Wk: Matrix, wv: Vector): Tensor3 {
  return read(() => ({ scores: additive(tf.tensor3d(q), tf.tensor3d(k), tf.tensor2d(Wq), tf.tensor2d(Wk), tf.tensor1d(wv)) })).scores;
}

export function maskedSoftmax(scores: Tensor3, validLens?: Vector | Matrix): Tensor3 {
  const mask = validMask(...shapeOf(scores), validLens);
  return read(() => ({ weights: masked(tf.tensor3d(scores), mask) })).weights;
}

export function attentionContext(weights: Tensor3, v: Tensor3): Tensor3 {
  return read(() => ({ context: tf.matMul(tf.tensor3d(weights), tf.tensor3d(v)) as tf.Tensor3D })).context;
}

export function bahdanauStep(sPrev: Matrix, encOut: Tensor3, { Wq, Wk, wv }: AdditiveAttentionParams, validLens?: Vector): { context: Matrix; weights: Matrix } {
  const mask = validMask(sPrev.length, 1, encOut[0]?.length ?? 0, validLens);
  return read(() => {
    const keys = tf.tensor3d(encOut);
    const weights = masked(additive(tf.expandDims(tf.tensor2d(sPrev), 1) as tf.Tensor3D, keys, tf.tensor2d(Wq), tf.tensor2d(Wk), tf.tensor1d(wv)), mask);
    return { context: tf.squeeze<tf.Tensor2D>(tf.matMul(weights, keys), [1]), weights: tf.squeeze<tf.Tensor2D>(weights, [1]) };
  });
}

/**
 * Gradients of Σ dContext ⊙ context for dot-product attention, context = maskedSoftmax(q·kᵀ)·v, with respect
 * to q, k and v (tf.grads through scores → masked softmax → context).
 */
export function dotAttentionGradients(q: Tensor3, k: Tensor3, v: Tensor3, dContext: Tensor3, validLens?: Vector | Matrix): { dq: Tensor3; dk: Tensor3; dv: Tensor3 } {
  const mask = validMask(q.length, q[0]?.length ?? 0, k[0]?.length ?? 0, validLens);
  return read(() => {
    const loss = (qt: tf.Tensor3D, kt: tf.Tensor3D, vt: tf.Tensor3D) => tf.sum(tf.mul(tf.tensor3d(dContext), tf.matMul(masked(dot(qt, kt), mask), vt)));
    const [dq, dk, dv] = gradients(loss, [tf.tensor3d(q), tf.tensor3d(k), tf.tensor3d(v)] as const);
    return { dq, dk, dv };
  });
}

/**
 * Gradients of Σ dContext ⊙ context of one Bahdanau step with respect to the decoder state, the encoder states
 * (keys and values at once) and the three weights.
 */
export function bahdanauGradients(
  sPrev: Matrix,
  encOut: Tensor3,
  { Wq, Wk, wv }: AdditiveAttentionParams,
  dContext: Matrix,
  validLens?: Vector,
): { dsPrev: Matrix; dEncOut: Tensor3; dWq: Matrix; dWk: Matrix; dwv: Vector } {
  const mask = validMask(sPrev.length, 1, encOut[0]?.length ?? 0, validLens);
  return read(() => {
    const loss = (s: tf.Tensor2D, enc: tf.Tensor3D, wq: tf.Tensor2D, wk: tf.Tensor2D, w: tf.Tensor1D) => {
      const weights = masked(additive(tf.expandDims(s, 1) as tf.Tensor3D, enc, wq, wk, w), mask);
      return tf.sum(tf.mul(tf.tensor2d(dContext), tf.squeeze(tf.matMul(weights, enc), [1])));
    };
    const inputs = [tf.tensor2d(sPrev), tf.tensor3d(encOut), tf.tensor2d(Wq), tf.tensor2d(Wk), tf.tensor1d(wv)] as const;
    const [dsPrev, dEncOut, dWq, dWk, dwv] = gradients(loss, inputs);
    return { dsPrev, dEncOut, dWq, dWk, dwv };
  });
}
