/**
 * Exercise 17 — word embeddings: from counting words to learned dense vectors.
 *
 *   bag of words:  bow[v] = #{ t : tokens[t] = vocab[v] }                 (a count per word, order forgotten)
 *   embedding:     e = onehot(id) · W = W[id]                             (the first layer is a row lookup)
 *   its gradient:  dW[v] = Σ_{(n, t) : ids[n][t] = v} dout[n][t]          (repeated ids accumulate)
 *   skip-gram:     (w_i, w_j) for every j ≠ i with |i − j| ≤ window       (the training pairs of word2vec)
 *   similarity:    cos(a, b) = a · b / (‖a‖ ‖b‖)
 *
 * Read README.md in this folder first; `npm run test:exercises -- 17` checks your work.
 */
import type { Matrix, Tensor3, Vector } from '../shared/types.ts';

/** One answer of `nearestNeighbors`: a word of the vocabulary and its cosine similarity to the query. */
export interface Neighbor {
  word: string;
  similarity: number;
}

/**
 * tokens: [T] words, vocab: [V] distinct words → counts [V]: how often each vocabulary word occurs in tokens.
 * Tokens that are not in the vocabulary are ignored (the usual "unknown words are dropped").
 * Throws a RangeError when the vocabulary lists a word twice.
 */
export function bagOfWords(tokens: string[], vocab: string[]): Vector {
  throw new Error("TODO: implement bagOfWords. Hint: a Map from each vocabulary word to its position, then count: counts[position] += 1 for every token the Map knows");
}

/** Throws a RangeError naming the first id that is not an integer in [0, V). */
function checkIds(ids: Matrix, V: number): void {
  ids.forEach((row, n) =>
    row.forEach((id, t) => {
      if (!(Number.isInteger(id) && id >= 0 && id < V)) throw new RangeError(`ids[${n}][${t}] = ${id} is not an integer in [0, ${V})`);
    }),
  );
}

/**
 * ids: [N][T] (integers in [0, V)), W: [V][D] → [N][T][D], out[n][t] = W[ids[n][t]] (a copy of the row).
 * Throws a RangeError for an id outside [0, V) or not an integer.
 */
export function embeddingForward(ids: Matrix, W: Matrix): Tensor3 {
  throw new Error("TODO: implement embeddingForward. Hint: check every id, then replace each id by a copy of its row of W ([...W[id]])");
}

/**
 * dout: [N][T][D] (the upstream gradient of embeddingForward's output), ids: [N][T], V → dW: [V][D].
 * Row v of dW sums dout[n][t] over every position where ids[n][t] = v; rows of unused ids are 0.
 * Throws a RangeError for an id outside [0, V) or not an integer.
 */
export function embeddingBackward(dout: Tensor3, ids: Matrix, V: number): Matrix {
  throw new Error("TODO: implement embeddingBackward. Hint: start from V rows of D zeros (D = dout[0][0].length) and add dout[n][t] into row ids[n][t], entry by entry");
}

/**
 * tokens: [T] word ids, window ≥ 1 → the skip-gram pairs [center, context]: for each position i in order,
 * the positions j = i − window … i + window with j ≠ i inside the sequence, in increasing j.
 * Throws a RangeError for a window that is not an integer ≥ 1.
 */
export function skipGramPairs(tokens: number[], window: number): [number, number][] {
  throw new Error("TODO: implement skipGramPairs. Hint: two loops: i over the positions, j from max(0, i − window) to min(T − 1, i + window), skipping j = i");
}

/**
 * a, b: [D] → a · b / (‖a‖ ‖b‖), in [−1, 1].
 * Throws a RangeError for vectors of different lengths or a zero vector (its direction is undefined).
 */
export function cosineSimilarity(a: Vector, b: Vector): number {
  throw new Error("TODO: implement cosineSimilarity. Hint: the dot product Σ a_i b_i divided by Math.hypot(...a) · Math.hypot(...b); check the lengths and the norms first");
}

/**
 * W: [V][D] (row v embeds vocab[v]), vocab: [V], word, k → the k words most similar to `word` by cosine
 * similarity, the word itself excluded: most similar first, ties in vocabulary order; all V − 1 others if
 * k ≥ V − 1. Throws a RangeError for a word not in the vocabulary, a k that is not an integer ≥ 0, a
 * vocabulary whose length is not V, or a zero row (see cosineSimilarity).
 */
export function nearestNeighbors(W: Matrix, vocab: string[], word: string, k: number): Neighbor[] {
  throw new Error("TODO: implement nearestNeighbors. Hint: the cosineSimilarity of W[index of word] with every other row, then sort by similarity, largest first (a stable sort keeps ties in vocabulary order), then take k");
}
