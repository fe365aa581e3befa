/**
 * Reference for 14-patch-embedding: patches cut by a reshape/transpose (row-major over the grid, each
 * flattened in (row, col, channel) order), one matmul for every patch, then the class token and the
 * position embeddings.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { VitEmbeddingParams } from '../exercises/14-patch-embedding/patch-embedding.ts';
import type { Matrix, Tensor3, Tensor4, Vector } from '../grader/runtime/shared/types.ts';
import { read } from './convert.ts';

/** [N][H][W][C] → [N][M][P·P·C]: the axes (N, r, i, c, j, C) reordered to (N, r, c, i, j, C). */
function patchTensor(images: tf.Tensor4D, P: number): tf.Tensor3D {
  const [N, H, W, C] = images.shape;
  if (!Number.isInteger(P) || P < 1) throw new RangeError(`the patch size P must be a positive integer, got ${P}`);
  if (H % P !== 0 || W % P !== 0) throw new RangeError(`the patch size P = ${P} must divide the image height H = ${H} and width W = ${W}`);
  const grid = tf.reshape(images, [N, H / P, P, W / P, P, C]);
  return tf.reshape(tf.transpose(grid, [0, 1, 3, 2, 4, 5]), [N, (H / P) * (W / P), P * P * C]);
}

/** [N][M][K] · [K][E] + [E] → [N][M][E]. */
function embedTensor(patches: tf.Tensor3D, W: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor3D {
  const [N, M, K] = patches.shape;
  if (W.shape[0] !== K) throw new RangeError(`W must have one row per patch entry: K = ${K} rows, got ${W.shape[0]}`);
  return tf.reshape(tf.add(tf.matMul(tf.reshape(patches, [N * M, K]), W), b), [N, M, W.shape[1]]);
}

export function patchify(images: Tensor4, P: number): Tensor3 {
  return read(() => ({ patches: patchTensor(tf.tensor4d(images), P) })).patches;
}

export function patchEmbed(patches: Tensor3, W: Matrix, b: Vector): Tensor3 {
  return read(() => ({ out: embedTensor(tf.tensor3d(patches), tf.tensor2d(W), tf.tensor1d(b)) })).out;
}

export function vitTokens(images: Tensor4, { P, W, b, classToken, posEmbedding }: VitEmbeddingParams): Tensor3 {
  return read(() => {
    const embedded = embedTensor(patchTensor(tf.tensor4d(images), P), tf.tensor2d(W), tf.tensor1d(b));
    const [N, M, E] = embedded.shape;
    if (posEmbedding.length !== 1 + M) {
      throw new RangeError(`posEmbedding must have 1 + M = ${1 + M} rows (the class token, then ${M} patches), got ${posEmbedding.length}`);
    }
    const cls = tf.broadcastTo(tf.tensor3d([[classToken]]), [N, 1, E]);
    return { tokens: tf.add(tf.concat([cls, embedded], 1), tf.tensor2d(posEmbedding)) as tf.Tensor3D };
  }).tokens;
}
