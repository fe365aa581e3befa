/**
 * The reference's boundary: plain arrays in, plain arrays out, tensors only inside `tf.tidy`; and the typed
 * tensor helpers its modules share.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ArrayMap } from '@tensorflow/tfjs-core/dist/types.js';
import type { Matrix, Vector } from '../grader/runtime/shared/types.ts';

type Plain<T> = T extends tf.Tensor<infer R> ? ArrayMap[R] : never;

/**
 * Runs `body` inside tf.tidy and returns its tensors as plain nested arrays, disposing them, so that no
 * tensor outlives the call (the reference tests check tf.memory().numTensors).
 */
export function read<O extends Record<string, tf.Tensor>>(body: () => O): { [K in keyof O]: Plain<O[K]> } {
  const tensors = tf.tidy(body);
  const plain = Object.fromEntries(Object.entries(tensors).map(([key, t]) => [key, t.arraySync()]));
  tf.dispose(Object.values(tensors));
  return plain as { [K in keyof O]: Plain<O[K]> };
}

/** The weights Wx, Wh, b of a recurrent layer as tensors. */
export const weightTensors = (Wx: Matrix, Wh: Matrix, b: Vector) => [tf.tensor2d(Wx), tf.tensor2d(Wh), tf.tensor1d(b)] as const;

/** tf.grads with the inputs' own types: one gradient per input, same shape, same order. */
export function gradients<T extends tf.Tensor[]>(f: (...args: T) => tf.Tensor, inputs: readonly [...T]): T {
  return tf.grads((...args) => f(...(args as T)))([...inputs]) as T;
}
