/**
 * Exercise 09 — attention: scores, a masked softmax over them, and the weighted sum of the values.
 *
 *   dot scores:       score[i][j] = q_i · k_j                                      (unscaled; exercise 10 divides by √d)
 *   additive scores:  score[i][j] = wv · tanh(q_i · Wq + k_j · Wk)                 (Bahdanau et al., 2015)
 *   masked softmax:   α[i][j] = exp(score[i][j]) / Σ_{j' < len} exp(score[i][j'])  for j < len, exactly 0 for j ≥ len
 *   context:          c_i = Σ_j α[i][j] · v_j
 *
 * Every function works on a batch: index b (the batch) comes first, queries i and keys j after it.
 * Read README.md in this folder first; `npm run test:exercises -- 09` checks your work.
 */
import { matmul, transpose } from '../shared/linalg.ts';
import type { Matrix, Tensor3, Vector } from '../shared/types.ts';

/** The weights of Bahdanau's additive attention. */
export interface AdditiveAttentionParams {
  /** Wq: [Hq][A], projects the query (the decoder state) into the attention space */ Wq: Matrix;
  /** Wk: [Hk][A], projects each key (an encoder state) into the same space */ Wk: Matrix;
  /** wv: [A], turns tanh of the sum into one score */ wv: Vector;
}

/**
 * q: [B][Q][d], k: [B][K][d] → scores: [B][Q][K], scores[b][i][j] = q[b][i] · k[b][j] (no 1/√d scaling).
 */
export function dotScores(q: Tensor3, k: Tensor3): Tensor3 {
  // BEGIN SOLUTION hint: for each batch b, q[b]·k[b]ᵀ: a [Q][d] times [d][K] product (transpose k[b], not q[b])
  return q.map((qb, b) => matmul(qb, transpose(k[b]!)));
  // END SOLUTION
}

/**
 * q: [B][Q][dq], k: [B][K][dk], Wq: [dq][A], Wk: [dk][A], wv: [A] → scores: [B][Q][K],
 * scores[b][i][j] = wv · tanh(q[b][i]·Wq + k[b][j]·Wk).
 */
export function additiveScores(q: Tensor3, k: Tensor3, Wq: Matrix, Wk: Matrix, wv: Vector): Tensor3 {
  // BEGIN SOLUTION hint: project once: q[b]·Wq is [Q][A] and k[b]·Wk is [K][A]; then score[i][j] = Σ_a wv[a]·tanh(qProj[i][a] + kProj[j][a])
  return q.map((qb, b) => {
    const queries = matmul(qb, Wq);
    const keys = matmul(k[b]!, Wk);
    return queries.map((qi) => keys.map((kj) => wv.reduce((s, w, a) => s + w * Math.tanh(qi[a]! + kj[a]!), 0)));
  });
  // END SOLUTION
}

/**
 * Softmax over the last axis of scores [B][Q][K], where row i of batch b may attend only to keys j < len:
 * len = validLens[b] (a [B] vector: the same length for every query of b) or validLens[b][i] (a [B][Q]
 * matrix: one length per query). Masked weights are exactly 0 and every row sums to 1. Without validLens,
 * every key is allowed (a plain softmax). Throws a RangeError when validLens does not fit the scores or a
 * length is not an integer in 1..K (a row with nothing allowed has no softmax).
 */
export function maskedSoftmax(scores: Tensor3, validLens?: Vector | Matrix): Tensor3 {
  // BEGIN SOLUTION hint: per row, find its length (K when there are no validLens), check 1 ≤ len ≤ K, subtract the max of the allowed scores, exp and normalize over j < len; masked entries are 0
  if (validLens !== undefined && validLens.length !== scores.length) {
    throw new RangeError(`validLens has ${validLens.length} entries but the scores have a batch of ${scores.length}`);
  }
  return scores.map((rows, b) => {
    const lens = validLens?.[b];
    if (Array.isArray(lens) && lens.length !== rows.length) {
      throw new RangeError(`validLens[${b}] has ${lens.length} lengths but batch ${b} has ${rows.length} queries`);
    }
    return rows.map((row, i) => {
      const len = lens === undefined ? row.length : Array.isArray(lens) ? lens[i]! : lens;
      if (!Number.isInteger(len) || len < 1 || len > row.length) {
        throw new RangeError(`valid length ${len} of batch ${b}, query ${i} must be an integer from 1 to K = ${row.length}: a row with no allowed key has no softmax`);
      }
      const allowed = row.slice(0, len);
      const max = Math.max(...allowed);
      const exps = allowed.map((s) => Math.exp(s - max));
      const sum = exps.reduce((s, e) => s + e, 0);
      return row.map((_, j) => (j < len ? exps[j]! / sum : 0));
    });
  });
  // END SOLUTION
}

/**
 * weights: [B][Q][K], v: [B][K][dv] → context: [B][Q][dv], context[b][i] = Σ_j weights[b][i][j] · v[b][j].
 */
export function attentionContext(weights: Tensor3, v: Tensor3): Tensor3 {
  // BEGIN SOLUTION hint: for each batch b, weights[b]·v[b]: a [Q][K] times [K][dv] product (the sum runs over the keys j)
  return weights.map((wb, b) => matmul(wb, v[b]!));
  // END SOLUTION
}

/**
 * One step of Bahdanau attention: the decoder state sPrev is the single query, the encoder states are the
 * keys and the values. sPrev: [B][Hq], encOut: [B][T][Hk], validLens: [B] (optional: the number of real,
 * unpadded encoder steps) → context: [B][Hk], weights: [B][T].
 */
export function bahdanauStep(
  sPrev: Matrix,
  encOut: Tensor3,
  params: AdditiveAttentionParams,
  validLens?: Vector,
): { context: Matrix; weights: Matrix } {
  // BEGIN SOLUTION hint: make sPrev a batch of one query each ([B][1][Hq]), then additiveScores → maskedSoftmax → attentionContext, and drop the query axis again
  const queries = sPrev.map((s) => [s]);
  const weights = maskedSoftmax(additiveScores(queries, encOut, params.Wq, params.Wk, params.wv), validLens);
  const context = attentionContext(weights, encOut);
  return { context: context.map((c) => c[0]!), weights: weights.map((w) => w[0]!) };
  // END SOLUTION
}
