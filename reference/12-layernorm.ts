/**
 * Reference for 12-layernorm: layer norm (statistics per row, over the last axis) and training-mode batch norm
 * (statistics per column, over the batch), both with the biased variance and ε inside the square root.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix, Vector } from '../grader/runtime/shared/types.ts';
import { gradients, read } from './convert.ts';

/** (x − mean) / √(var + ε) · γ + β with the moments over `axis` (1: layer norm, 0: batch norm). */
function normalize(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number, axis: 0 | 1): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, axis, true);
  const xHat = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(xHat, gamma), beta) as tf.Tensor2D;
}

export function layerNormForward(x: Matrix, gamma: Vector, beta: Vector, eps = 1e-5): { out: Matrix } {
  return read(() => ({ out: normalize(tf.tensor2d(x), tf.tensor1d(gamma), tf.tensor1d(beta), eps, 1) }));
}

/** The cache of the course's LayerNormCache: inputs, per-row mean and 1/√(var + ε), and x̂. */
export function layerNormCache(x: Matrix, gamma: Vector, _beta: Vector, eps = 1e-5) {
  const stats = read(() => {
    const t = tf.tensor2d(x);
    const { mean, variance } = tf.moments(t, 1, true);
    const invStd = tf.rsqrt(tf.add(variance, eps));
    return { mean: tf.reshape(mean, [-1]) as tf.Tensor1D, invStd: tf.reshape(invStd, [-1]) as tf.Tensor1D, xHat: tf.mul(tf.sub(t, mean), invStd) as tf.Tensor2D };
  });
  return { x, gamma, eps, ...stats };
}

/** Gradients of Σ dout ⊙ out with respect to x, γ and β, by tfjs autodiff. */
export function layerNormBackward(
  dout: Matrix,
  { x, gamma, eps }: { x: Matrix; gamma: Vector; eps: number },
): { dx: Matrix; dgamma: Vector; dbeta: Vector } {
  return read(() => {
    const inputs = [tf.tensor2d(x), tf.tensor1d(gamma), tf.zeros([gamma.length]) as tf.Tensor1D] as const;
    const [dx, dgamma, dbeta] = gradients((xt, g, b) => tf.sum(tf.mul(tf.tensor2d(dout), normalize(xt, g, b, eps, 1))), inputs);
    return { dx, dgamma, dbeta };
  });
}

export function batchNormForward(x: Matrix, gamma: Vector, beta: Vector, eps = 1e-5): Matrix {
  return read(() => ({ out: normalize(tf.tensor2d(x), tf.tensor1d(gamma), tf.tensor1d(beta), eps, 0) })).out;
}
