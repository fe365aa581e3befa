/**
 * Reference for 13-transformer-block: the position-wise feed-forward network, post-norm add & norm, and the
 * encoder block in its post-norm and pre-norm forms, on 10's tensor-level self-attention; the block's
 * gradients by tf.grads.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NormParams, TransformerBlockOptions, TransformerBlockParams } from '../exercises/13-transformer-block/transformer-block.ts';
import type { Matrix, Tensor3, Vector } from '../grader/runtime/shared/types.ts';
import { gradients, read } from './convert.ts';
import { atEveryPosition, selfAttention, type AttentionTensors } from './10-self-attention.ts';

/** The block's parameters as tensors, in one flat record (the order tf.grads sees them). */
interface BlockTensors extends AttentionTensors {
  gamma1: tf.Tensor1D;
  beta1: tf.Tensor1D;
  W1: tf.Tensor2D;
  b1: tf.Tensor1D;
  W2: tf.Tensor2D;
  b2: tf.Tensor1D;
  gamma2: tf.Tensor1D;
  beta2: tf.Tensor1D;
}
const BLOCK_KEYS = ['Wq', 'Wk', 'Wv', 'Wo', 'gamma1', 'beta1', 'W1', 'b1', 'W2', 'b2', 'gamma2', 'beta2'] as const;

function blockTensors({ attention, norm1, ffn, norm2 }: TransformerBlockParams): BlockTensors {
  return {
    Wq: tf.tensor2d(attention.Wq),
    Wk: tf.tensor2d(attention.Wk),
    Wv: tf.tensor2d(attention.Wv),
    Wo: tf.tensor2d(attention.Wo),
    gamma1: tf.tensor1d(norm1.gamma),
    beta1: tf.tensor1d(norm1.beta),
    W1: tf.tensor2d(ffn.W1),
    b1: tf.tensor1d(ffn.b1),
    W2: tf.tensor2d(ffn.W2),
    b2: tf.tensor1d(ffn.b2),
    gamma2: tf.tensor1d(norm2.gamma),
    beta2: tf.tensor1d(norm2.beta),
  };
}

function ffnTensor(x: tf.Tensor3D, W1: tf.Tensor2D, b1: tf.Tensor1D, W2: tf.Tensor2D, b2: tf.Tensor1D): tf.Tensor3D {
  return tf.add(atEveryPosition(tf.relu(tf.add<tf.Tensor3D>(atEveryPosition(x, W1), b1)), W2), b2);
}

/** Layer norm over the last axis (biased variance, ε = 1e-5 inside the square root), then γ and β. */
function layerNormTensor(x: tf.Tensor3D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta);
}

function blockTensor(x: tf.Tensor3D, p: BlockTensors, { numHeads, causal = false, preNorm = false }: TransformerBlockOptions): tf.Tensor3D {
  const attend = (z: tf.Tensor3D) => selfAttention(z, p, numHeads, causal).out;
  const feedForward = (z: tf.Tensor3D) => ffnTensor(z, p.W1, p.b1, p.W2, p.b2);
  if (preNorm) {
    const y = tf.add<tf.Tensor3D>(x, attend(layerNormTensor(x, p.gamma1, p.beta1)));
    return tf.add(y, feedForward(layerNormTensor(y, p.gamma2, p.beta2)));
  }
  const y = layerNormTensor(tf.add<tf.Tensor3D>(x, attend(x)), p.gamma1, p.beta1);
  return layerNormTensor(tf.add<tf.Tensor3D>(y, feedForward(y)), p.gamma2, p.beta2);
}

export function positionwiseFFN(x: Tensor3, W1: Matrix, b1: Vector, W2: Matrix, b2: Vector): Tensor3 {
  return read(() => ({ out: ffnTensor(tf.tensor3d(x), tf.tensor2d(W1), tf.tensor1d(b1), tf.tensor2d(W2), tf.tensor1d(b2)) })).out;
}

export function addNorm(x: Tensor3, sublayerOut: Tensor3, gamma: Vector, beta: Vector): Tensor3 {
  return read(() => ({ out: layerNormTensor(tf.add<tf.Tensor3D>(tf.tensor3d(x), tf.tensor3d(sublayerOut)), tf.tensor1d(gamma), tf.tensor1d(beta)) })).out;
}

/** Layer norm of every position with ε = 1e-5: what a pre-norm block feeds its sublayers. */
export function layerNorm(x: Tensor3, { gamma, beta }: NormParams): Tensor3 {
  return read(() => ({ out: layerNormTensor(tf.tensor3d(x), tf.tensor1d(gamma), tf.tensor1d(beta)) })).out;
}

export function transformerEncoderBlock(x: Tensor3, params: TransformerBlockParams, options: TransformerBlockOptions): Tensor3 {
  return read(() => ({ out: blockTensor(tf.tensor3d(x), blockTensors(params), options) })).out;
}

type BlockGrads = { dx: Tensor3 } & Record<`d${(typeof BLOCK_KEYS)[number]}`, Matrix | Vector>;

/** Gradients of Σ dout ⊙ out with respect to x and every parameter (dWq … dbeta2), by tfjs autodiff. */
export function transformerEncoderBlockGrads(x: Tensor3, params: TransformerBlockParams, options: TransformerBlockOptions, dout: Tensor3): BlockGrads {
  return read(() => {
    const p = blockTensors(params);
    const loss = (xt: tf.Tensor, ...weights: tf.Tensor[]) => {
      const named = Object.fromEntries(BLOCK_KEYS.map((key, i) => [key, weights[i]])) as unknown as BlockTensors;
      return tf.sum(tf.mul(tf.tensor3d(dout), blockTensor(xt as tf.Tensor3D, named, options)));
    };
    const [dx, ...dw] = gradients(loss, [tf.tensor3d(x), ...BLOCK_KEYS.map((key) => p[key])]);
    return { dx: dx!, ...Object.fromEntries(BLOCK_KEYS.map((key, i) => [`d${key}`, dw[i]!])) };
  }) as BlockGrads;
}
