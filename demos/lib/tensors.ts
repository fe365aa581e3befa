/**
 * Building input tensors from plain ids (one-hot rows, embedding lookups), and the masked sequence loss, for
 * models trained with tfjs-core ops.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * One-hot rows of ids [N][T] over V → [N][T][V] float32, built in JS (on the wasm backend
 * `tf.oneHot(…, 'float32')` returns zeros).
 */
export function oneHot3d(ids: readonly (readonly number[])[], V: number): tf.Tensor3D {
  const T = ids[0]?.length ?? 0;
  return tf.reshape(oneHot2d(ids.flat(), V), [ids.length, T, V]);
}

/** One-hot rows of ids [N] over V → [N][V] float32 (built in JS, as oneHot3d). */
export function oneHot2d(ids: readonly number[], V: number): tf.Tensor2D {
  const data = new Float32Array(ids.length * V);
  ids.forEach((id, n) => (data[n * V + id] = 1));
  return tf.tensor2d(data, [ids.length, V]);
}

/**
 * Rows of an embedding table [V][E] for ids [N][T] → [N][T][E], as a product with one-hot rows: differentiable
 * on every backend (wasm has no kernel for the gradient of tf.gather).
 */
export function embed(table: tf.Tensor2D, ids: readonly (readonly number[])[]): tf.Tensor3D {
  return tf.tidy(() => {
    const [V, E] = table.shape;
    return tf.reshape(tf.matMul(oneHot2d(ids.flat(), V), table), [ids.length, ids[0]?.length ?? 0, E]);
  });
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
