/**
 * Reference for 05-gru. Gates packed z, r, h̃ in Wx [D][3H], Wh [H][3H], b [3H] (= Keras/TF.js' z, r, h):
 *   z, r = σ(…), h̃ = tanh(x·Wx_h + (r ⊙ hPrev)·Wh_h + b_h), h = z ⊙ hPrev + (1 − z) ⊙ h̃.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix, Tensor3, Vector } from '../grader/runtime/shared/types.ts';
import { read, weightTensors } from './convert.ts';

type GruGates = { z: tf.Tensor2D; r: tf.Tensor2D; hTilde: tf.Tensor2D };

/** The update gate, reset gate and candidate of one step on tensors: x [N][D], h [N][H] → each [N][H]. */
export function gruGates(x: tf.Tensor2D, h: tf.Tensor2D, Wx: tf.Tensor2D, Wh: tf.Tensor2D, b: tf.Tensor1D): GruGates {
  const [xz, xr, xh] = tf.split<tf.Tensor2D>(tf.add(tf.matMul(x, Wx), b) as tf.Tensor2D, 3, 1);
  const [Whz, Whr, Whh] = tf.split<tf.Tensor2D>(Wh, 3, 1);
  const z = tf.sigmoid(tf.add(xz!, tf.matMul(h, Whz!))) as tf.Tensor2D;
  const r = tf.sigmoid(tf.add(xr!, tf.matMul(h, Whr!))) as tf.Tensor2D;
  // Reset before the recurrent matmul, as Keras' default GRU (reset_after=False) and TF.js.
  const hTilde = tf.tanh(tf.add(xh!, tf.matMul(tf.mul(r, h), Whh!))) as tf.Tensor2D;
  return { z, r, hTilde };
}

/** One step on tensors: x [N][D], h [N][H] → the next h [N][H]. */
export function gruStep(x: tf.Tensor2D, h: tf.Tensor2D, Wx: tf.Tensor2D, Wh: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  const { z, hTilde } = gruGates(x, h, Wx, Wh, b);
  return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hTilde)) as tf.Tensor2D;
}

/** The whole sequence on tensors: x [N][T][D], h0 [N][H] → every state h_1..h_T as [N][T][H]. */
export function gruSteps(x: tf.Tensor3D, h0: tf.Tensor2D, Wx: tf.Tensor2D, Wh: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor3D {
  let h = h0;
  const states = tf.unstack(x, 1).map((xt) => (h = gruStep(xt as tf.Tensor2D, h, Wx, Wh, b)));
  return tf.stack(states, 1) as tf.Tensor3D;
}

export function gruStepForward(x: Matrix, hPrev: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): { h: Matrix } {
  return read(() => ({ h: gruStep(tf.tensor2d(x), tf.tensor2d(hPrev), ...weightTensors(Wx, Wh, b)) }));
}

/** The gate activations z, r, h̃ of one step ([N][H] each): what the student's step cache holds. */
export function gruGateValues(x: Matrix, hPrev: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): Record<keyof GruGates, Matrix> {
  return read(() => gruGates(tf.tensor2d(x), tf.tensor2d(hPrev), ...weightTensors(Wx, Wh, b)));
}

export function gruForward(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): { h: Tensor3 } {
  return read(() => ({ h: gruSteps(tf.tensor3d(x), tf.tensor2d(h0), ...weightTensors(Wx, Wh, b)) }));
}
