/**
 * The reference's boundary: plain arrays in, plain arrays out, tensors only inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ArrayMap } from '@tensorflow/tfjs-core/dist/types.js';

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
