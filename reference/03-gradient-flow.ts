/**
 * Reference for 03-gradient-flow. The Jacobian norms come from autodiff, not from the chain-rule formula the
 * students implement: h_T is re-run from h_k as the variable, and each row of ∂h_T/∂h_k is one backward pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix, Tensor3, Vector } from '../grader/runtime/shared/types.ts';
import { read, weightTensors } from './convert.ts';
import { rnnStep } from './01-rnn-forward.ts';

/**
 * ‖∂h_T/∂h_k‖_F for k = 0..T of one sequence: x [1][T][D], h0 [1][H] → [T+1].
 */
export function rnnJacobianNorms(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): number[] {
  return read(() => {
    const [Wxt, Wht, bt] = weightTensors(Wx, Wh, b);
    const inputs = tf.unstack(tf.tensor3d(x), 1) as tf.Tensor2D[]; // x_1..x_T, [1][D] each
    const H = Wh.length;
    /** h_T as a function of h_k: steps k+1..T, run from h. (For k = T no step runs: tf.grad needs the clone's op.) */
    const finalFrom = (k: number) => (h: tf.Tensor): tf.Tensor =>
      inputs.slice(k).reduce((state, xt) => rnnStep(xt, state, Wxt, Wht, bt), tf.clone(h) as tf.Tensor2D);
    const states = inputs.reduce((hs, xt) => [...hs, rnnStep(xt, hs.at(-1)!, Wxt, Wht, bt)], [tf.tensor2d(h0)]);
    const norms = states.map((hk, k) => {
      const vjp = tf.grad(finalFrom(k));
      // Row i of the Jacobian is the gradient of h_T[i]: the backward pass seeded with the unit vector e_i.
      const rows = tf.split(tf.eye(H), H).map((unit) => vjp(hk, unit));
      return tf.norm(tf.concat(rows)); // the Frobenius norm of the stacked rows
    });
    return { norms: tf.stack(norms) };
  }).norms as number[];
}

/**
 * ‖diag(f_{k+1} ⊙ … ⊙ f_T)‖_F for k = 0..T, where forgetGates[j − 1] = f_j: [T][H] → [T+1].
 */
export function lstmCellPathGains(forgetGates: Matrix): number[] {
  const bad = forgetGates.flat().find((f) => !(f >= 0 && f <= 1));
  if (bad !== undefined) throw new RangeError(`forget gate value ${bad} is outside [0, 1]`);
  return read(() => {
    const f = tf.tensor2d(forgetGates);
    // Row k of the reverse cumulative product is f_{k+1} ⊙ … ⊙ f_T; the row of ones is the empty product (k = T).
    const paths = tf.concat([tf.cumprod(f, 0, false, true), tf.ones([1, f.shape[1]])]);
    return { gains: tf.norm(paths, 'euclidean', 1) };
  }).gains as number[];
}
