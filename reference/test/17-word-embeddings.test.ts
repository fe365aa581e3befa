/**
 * Checks the 17-word-embeddings reference on its own: the forward against tf.layers.embedding with the same
 * weights, the backward against tf.grads of tf.gather (on the cpu backend: wasm has no gather gradient),
 * against the explicit one-hot product onehot(ids)ᵀ · dout and against float64 central differences; the
 * skip-gram pairs against their count; cosine similarities against their invariants; the float64 solution;
 * and that no call leaks tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Matrix, Tensor3 } from '../../grader/runtime/shared/types.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/17-word-embeddings/word-embeddings.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../17-word-embeddings.ts';
import { centralDifference, dot } from './central-difference.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(1717);
const [N, T, V, D] = [3, 4, 6, 5];
const ids: Matrix = Array.from({ length: N }, () => Array.from({ length: T }, () => random.int(V)));
ids[2]![3] = ids[0]![1]!; // a repeated id
const W = random.matrix(V, D);
const dout = random.tensor3(N, T, D);

/** tf.layers.embedding with our W on the ids. */
function layersEmbedding(i: Matrix, weights: Matrix): Tensor3 {
  const layer = tfl.layers.embedding({ inputDim: weights.length, outputDim: weights[0]!.length });
  const out = tf.tidy(() => {
    const input = tf.tensor2d(i, undefined, 'int32');
    layer.apply(input); // builds the weights
    layer.setWeights([tf.tensor2d(weights)]);
    return (layer.apply(input) as tf.Tensor).arraySync() as Tensor3;
  });
  layer.dispose();
  return out;
}

/** tf.grads of Σ dout ⊙ gather(W, ids) on the cpu backend (the wasm backend lacks UnsortedSegmentSum). */
async function gatherGradientOnCpu(d: Tensor3, i: Matrix, weights: Matrix): Promise<Matrix> {
  const previous = tf.getBackend();
  await tf.setBackend('cpu');
  try {
    return tf.tidy(() => {
      const f = (w: tf.Tensor) => tf.sum(tf.mul(tf.tensor3d(d), tf.gather(w, tf.tensor2d(i, undefined, 'int32'))));
      return tf.grads(f)([tf.tensor2d(weights)])[0]!.arraySync() as Matrix;
    });
  } finally {
    await tf.setBackend(previous);
  }
}

describe('reference embedding layer', () => {
  test('embeddingForward equals tf.layers.embedding with the same weights', () => {
    const out = noLeaks(() => ref.embeddingForward(ids, W));
    expectClose('embedding', out, layersEmbedding(ids, W), { atol: 1e-7, rtol: 0 });
  });

  test('embeddingBackward equals tf.grads of tf.gather, the one-hot product onehot(ids)ᵀ · dout, and central differences', async () => {
    const dW = noLeaks(() => ref.embeddingBackward(dout, ids, V));
    expectClose('vs tf.grads of gather', dW, await gatherGradientOnCpu(dout, ids, W), { atol: 1e-6, rtol: 0 });
    const product = tf.tidy(() => {
      const rows = tf.cast(tf.oneHot(tf.tensor1d(ids.flat(), 'int32'), V), 'float32');
      return tf.matMul(rows, tf.tensor2d(dout.flat()), true, false).arraySync() as Matrix;
    });
    expectClose('vs onehot(ids)ᵀ · dout', dW, product, { atol: 1e-6, rtol: 0 });
    const numeric = centralDifference((w: Matrix) => dot(dout, float64.embeddingForward(ids, w)), W);
    expectClose('vs central differences', dW, numeric, GRADIENT_TOLERANCE);
  });

  test('the one-hot product onehot(ids) · W is the row lookup', () => {
    const viaProduct = tf.tidy(() => ref.oneHotEmbedding(tf.tensor2d(ids, undefined, 'int32'), tf.tensor2d(W)).arraySync());
    expectClose('onehot · W', viaProduct, ref.embeddingForward(ids, W), { atol: 1e-7, rtol: 0 });
  });
});

describe('reference skip-gram pairs, bag of words, similarity', () => {
  test('skip-gram pairs: Σ_i (#positions within the window but i) pairs, ordered by (i, j), never (i, i)', () => {
    const tokens = Array.from({ length: 8 }, (_, i) => 100 + i); // distinct: token = 100 + position
    for (const window of [1, 2, 5, 20]) {
      const pairs = noLeaks(() => ref.skipGramPairs(tokens, window));
      const count = tokens.reduce((s, _, i) => s + Math.min(tokens.length - 1, i + window) - Math.max(0, i - window), 0);
      expect(pairs, `window ${window}`).toHaveLength(count);
      expect(pairs.every(([c, x]) => c !== x && Math.abs(c - x) <= window)).toBe(true);
      const keys = pairs.map(([c, x]) => (c - 100) * 100 + (x - 100));
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
    }
  });

  test('bag of words counts known tokens and forgets their order', () => {
    const vocab = ['the', 'food', 'was', 'good', 'not', 'bad'];
    const bag = noLeaks(() => ref.bagOfWords(['the', 'food', 'was', 'good', 'not', 'bad', 'the', 'zebra'], vocab));
    expect(bag).toEqual([2, 1, 1, 1, 1, 1]);
    expect(ref.bagOfWords(['bad', 'not', 'good', 'was', 'food', 'the', 'the'], vocab)).toEqual(bag);
  });

  test('cosine similarity: cos(a, a) = 1, cos(a, −a) = −1, scale invariant, orthogonal = 0', () => {
    const [a, b] = [random.vector(D, 2), random.vector(D, 2)];
    expectClose('cos(a, a)', ref.cosineSimilarity(a, a), 1);
    expectClose('cos(a, −a)', ref.cosineSimilarity(a, a.map((v) => -v)), -1);
    expectClose('cos(5a, b)', ref.cosineSimilarity(a.map((v) => 5 * v), b), ref.cosineSimilarity(a, b));
    expectClose('cos(e1, e2)', ref.cosineSimilarity([1, 0, 0], [0, 3, 0]), 0);
    expect(() => ref.cosineSimilarity([0, 0], [1, 1])).toThrow(RangeError);
  });
});

test('the reference equals the float64 solution', () => {
  const vocab = Array.from({ length: V }, (_, v) => `w${v}`);
  const tokens = Array.from({ length: 15 }, () => (random.uniform() < 0.2 ? 'unknown' : vocab[random.int(V)]!));
  expect(ref.bagOfWords(tokens, vocab)).toEqual(float64.bagOfWords(tokens, vocab));
  expectClose('embeddingForward', ref.embeddingForward(ids, W), float64.embeddingForward(ids, W));
  expectClose('embeddingBackward', ref.embeddingBackward(dout, ids, V), float64.embeddingBackward(dout, ids, V));
  expect(ref.skipGramPairs([3, 1, 4, 1, 5, 9], 2)).toEqual(float64.skipGramPairs([3, 1, 4, 1, 5, 9], 2));
  expectClose('cosine', ref.cosineSimilarity(W[0]!, W[1]!), float64.cosineSimilarity(W[0]!, W[1]!));
  for (const word of vocab) {
    const [mine, theirs] = [ref.nearestNeighbors(W, vocab, word, 3), float64.nearestNeighbors(W, vocab, word, 3)];
    expect(mine.map((n) => n.word), word).toEqual(theirs.map((n) => n.word));
    expectClose(`similarities of ${word}`, mine.map((n) => n.similarity), theirs.map((n) => n.similarity));
  }
});

test('no call leaves a tensor behind', () => {
  noLeaks(() => ref.bagOfWords(['a', 'b'], ['b', 'a']));
  noLeaks(() => ref.embeddingForward(ids, W));
  noLeaks(() => ref.embeddingBackward(dout, ids, V));
  noLeaks(() => ref.skipGramPairs([1, 2, 3], 1));
  noLeaks(() => ref.cosineSimilarity([1, 2], [3, 4]));
  noLeaks(() => ref.nearestNeighbors(W, Array.from({ length: V }, (_, v) => `w${v}`), 'w0', 2));
});
