/**
 * Reference for 17-word-embeddings: the bag of words as a sum of tf.oneHot rows, the embedding as tf.gather,
 * its gradient by tf.grads through the one-hot product onehot(ids) · W (tf.grads of tf.gather needs the
 * UnsortedSegmentSum kernel, which the wasm backend lacks; reference/test checks both agree on cpu), the
 * skip-gram pairs from a band mask |i − j| ≤ window, i ≠ j, and cosine similarities of normalized rows.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Neighbor } from '../exercises/17-word-embeddings/word-embeddings.ts';
import type { Matrix, Tensor3, Vector } from '../grader/runtime/shared/types.ts';
import { gradients, read } from './convert.ts';

const intTensor = (ids: Matrix): tf.Tensor2D => tf.tensor2d(ids, [ids.length, ids[0]?.length ?? 0], 'int32');

function checkIds(ids: Matrix, V: number): void {
  const bad = ids.flat().find((id) => !(Number.isInteger(id) && id >= 0 && id < V));
  if (bad !== undefined) throw new RangeError(`id ${bad} is not an integer in [0, ${V})`);
}

export function bagOfWords(tokens: string[], vocab: string[]): Vector {
  const known = tokens.map((t) => vocab.indexOf(t)).filter((v) => v >= 0);
  if (known.length === 0) return new Array<number>(vocab.length).fill(0);
  return read(() => ({ counts: tf.sum(tf.oneHot(tf.tensor1d(known, 'int32'), vocab.length), 0) as tf.Tensor1D })).counts;
}

export function embeddingForward(ids: Matrix, W: Matrix): Tensor3 {
  checkIds(ids, W.length);
  return read(() => ({ out: tf.gather(tf.tensor2d(W) as tf.Tensor, intTensor(ids)) as tf.Tensor3D })).out;
}

/** onehot(ids) · W: [N][T][V] · [V][D], the embedding written as the first dense layer. */
export function oneHotEmbedding(ids: tf.Tensor2D, W: tf.Tensor2D): tf.Tensor3D {
  const [N, T] = ids.shape;
  const rows = tf.oneHot(tf.reshape(ids, [-1]) as tf.Tensor1D, W.shape[0]);
  return tf.reshape(tf.matMul(tf.cast(rows, 'float32'), W), [N, T, W.shape[1]]);
}

/** ∂(Σ dout ⊙ embedding(ids, W)) / ∂W by tfjs autodiff; W's values do not matter (the map is linear). */
export function embeddingBackward(dout: Tensor3, ids: Matrix, V: number): Matrix {
  checkIds(ids, V);
  const D = dout[0]?.[0]?.length ?? 0;
  return read(() => {
    const [dW] = gradients((W: tf.Tensor2D) => tf.sum(tf.mul(tf.tensor3d(dout, [ids.length, ids[0]?.length ?? 0, D]), oneHotEmbedding(intTensor(ids), W))), [tf.zeros([V, D]) as tf.Tensor2D]);
    return { dW };
  }).dW;
}

export function skipGramPairs(tokens: number[], window: number): [number, number][] {
  if (!(Number.isInteger(window) && window >= 1)) throw new RangeError(`the window must be an integer ≥ 1, got ${window}`);
  if (tokens.length === 0) return [];
  const band = read(() => {
    const positions = tf.range(0, tokens.length, 1, 'int32');
    const distance = tf.abs(tf.sub(tf.expandDims(positions, 1), tf.expandDims(positions, 0)));
    return { band: tf.logicalAnd(tf.lessEqual(distance, window), tf.greater(distance, 0)) as tf.Tensor2D };
  }).band;
  // Row-major order of the band mask: i increasing, then j increasing.
  return band.flatMap((row, i) => row.flatMap((inside, j) => (inside ? [[tokens[i]!, tokens[j]!] as [number, number]] : [])));
}

/** Rows of x scaled to unit length. */
const unitRows = (x: tf.Tensor2D): tf.Tensor2D => tf.div(x, tf.norm(x, 'euclidean', 1, true));

export function cosineSimilarity(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`vectors of lengths ${a.length} and ${b.length}`);
  if (a.every((v) => v === 0) || b.every((v) => v === 0)) throw new RangeError('a zero vector has no direction');
  return read(() => ({ cos: tf.sum(tf.prod(unitRows(tf.tensor2d([a, b])), 0)) as tf.Scalar })).cos;
}

/** Cosine similarities of the query row with every row (tfjs), then ordered by (−similarity, vocabulary order). */
export function nearestNeighbors(W: Matrix, vocab: string[], word: string, k: number): Neighbor[] {
  const query = vocab.indexOf(word);
  if (query < 0) throw new RangeError(`${JSON.stringify(word)} is not in the vocabulary`);
  const similarities = read(() => {
    const unit = unitRows(tf.tensor2d(W));
    return { s: tf.squeeze(tf.matMul(unit, tf.slice(unit, [query, 0], [1, -1]), false, true), [1]) as tf.Tensor1D };
  }).s;
  return vocab
    .map((other, v) => ({ word: other, similarity: similarities[v]!, v }))
    .filter(({ v }) => v !== query)
    .sort((x, y) => y.similarity - x.similarity || x.v - y.v)
    .slice(0, k)
    .map(({ word: w, similarity }) => ({ word: w, similarity }));
}
