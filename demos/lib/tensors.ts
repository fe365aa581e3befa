/**
 * Building input tensors from plain ids, and the masked sequence loss, for models trained with tfjs-core ops.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * One-hot rows of ids [N][T] over V → [N][T][V] float32, built in JS (on the wasm backend
 * `tf.oneHot(…, 'float32')` returns zeros).
 */
export function oneHot3d(ids: readonly (readonly number[])[], V: number): tf.Tensor3D {
  const N = ids.length;
  const T = ids[0]?.length ?? 0;
  const data = new Float32Array(N * T * V);
  ids.forEach((row, n) => row.forEach((id, t) => (data[(n * T + t) * V + id] = 1)));
  return tf.tensor3d(data, [N, T, V]);
}

/**
 * Mean cross-entropy over the real positions: logits [N][T][V], target ids [N][T], mask [N][T] (1 = counted)
 * → the scalar Σ mask · (−log softmax(logits)[target]) / Σ mask (nats per token).
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: readonly (readonly number[])[], mask: readonly (readonly number[])[]): tf.Scalar {
  return tf.tidy(() => {
    const [N, T, V] = logits.shape;
    const logProbs = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logProbs, oneHot3d(targets, V)), -1); // [N][T]: log p(target)
    const weights = tf.tensor2d(mask.flat(), [N, T]);
    return tf.div(tf.neg(tf.sum(tf.mul(picked, weights))), tf.maximum(tf.sum(weights), 1)) as tf.Scalar;
  });
}
