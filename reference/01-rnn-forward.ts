/**
 * Reference for 01-rnn-forward: the vanilla RNN, h_t = tanh(x_t·Wx + h_{t−1}·Wh + b).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix, Tensor3, Vector } from '../grader/runtime/shared/types.ts';
import { read } from './convert.ts';

/** One step on tensors: x [N][D], h [N][H] → [N][H]. */
export function rnnStep(x: tf.Tensor2D, h: tf.Tensor2D, Wx: tf.Tensor2D, Wh: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.tanh(tf.add(tf.add(tf.matMul(x, Wx), tf.matMul(h, Wh)), b)) as tf.Tensor2D;
}

/** Runs steps [from, to) of x [N][T][D] starting from h; returns the states as [N][to−from][H]. */
export function rnnSteps(
  x: tf.Tensor3D,
  h: tf.Tensor2D,
  Wx: tf.Tensor2D,
  Wh: tf.Tensor2D,
  b: tf.Tensor1D,
  from = 0,
  to = x.shape[1],
): tf.Tensor3D {
  const states: tf.Tensor2D[] = [];
  for (let t = from; t < to; t++) {
    const xt = tf.squeeze<tf.Tensor2D>(tf.slice(x, [0, t, 0], [-1, 1, -1]), [1]);
    h = rnnStep(xt, h, Wx, Wh, b);
    states.push(h);
  }
  return tf.stack<tf.Tensor2D>(states, 1) as tf.Tensor3D;
}

export function rnnStepForward(x: Matrix, hPrev: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): { h: Matrix } {
  return read(() => ({
    h: rnnStep(tf.tensor2d(x), tf.tensor2d(hPrev), tf.tensor2d(Wx), tf.tensor2d(Wh), tf.tensor1d(b)),
  }));
}

export function rnnForward(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): { h: Tensor3 } {
  return read(() => ({
    h: rnnSteps(tf.tensor3d(x), tf.tensor2d(h0), tf.tensor2d(Wx), tf.tensor2d(Wh), tf.tensor1d(b)),
  }));
}

/** h [N][T][H] · Wy [H][V] + by → [N][T][V] */
export function outputLogits(h: Tensor3, Wy: Matrix, by: Vector): Tensor3 {
  return read(() => {
    const hs = tf.tensor3d(h);
    const [n, t, hidden] = hs.shape;
    const flat = tf.add(tf.matMul(tf.reshape(hs, [n * t, hidden]), tf.tensor2d(Wy)), tf.tensor1d(by));
    return { logits: tf.reshape<tf.Rank.R3>(flat, [n, t, Wy[0]!.length]) };
  }).logits;
}
