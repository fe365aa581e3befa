/**
 * Exercise 10 — self-attention (Vaswani et al., 2017): every position of a sequence attends to every
 * position of the same sequence.
 *
 *   Q = X·Wq,   K = X·Wk,   V = X·Wv                                     (projections, no biases)
 *   A = softmax(Q·Kᵀ / √dk)   row by row, masked entries exactly 0        (scaled dot-product attention)
 *   out = A·V
 *   causal mask:  M[i][j] = 1 when j ≤ i (position i sees itself and the past), else 0
 *   multi-head:   split the E features into h heads of E/h, attend in each head on its own,
 *                 concatenate the heads back and multiply by Wo:  MHA(X) = concat(head_1 … head_h)·Wo
 *
 * Every function works on a batch: index b comes first. Read README.md in this folder first;
 * `npm run test:exercises -- 10` checks your work.
 */
import { matmul, transpose } from '../shared/linalg.ts';
import type { Matrix, Tensor3, Tensor4, Vector } from '../shared/types.ts';

/** The four weight matrices of one multi-head self-attention layer (no biases). */
export interface SelfAttentionParams {
  /** Wq: [E][E], the queries of all heads side by side (head i: columns i·E/h … (i+1)·E/h − 1) */ Wq: Matrix;
  /** Wk: [E][E], the keys, split into heads like Wq */ Wk: Matrix;
  /** Wv: [E][E], the values, split into heads like Wq */ Wv: Matrix;
  /** Wo: [E][E], mixes the concatenated heads back into E features */ Wo: Matrix;
}

/** Options of `multiHeadSelfAttention`. */
export interface SelfAttentionOptions {
  /** Each position attends only to itself and earlier positions (a decoder); default false. */
  causal?: boolean;
}

/**
 * x: [B][T][E], Wq: [E][dk], Wk: [E][dk], Wv: [E][dv] → q: [B][T][dk], k: [B][T][dk], v: [B][T][dv]
 * (each example's sequence times each matrix; no biases).
 */
export function projectQKV(x: Tensor3, Wq: Matrix, Wk: Matrix, Wv: Matrix): { q: Tensor3; k: Tensor3; v: Tensor3 } {
  // BEGIN SOLUTION hint: each example x[b] is a [T][E] matrix: q[b] = x[b]·Wq, and the same for k and v
  return { q: x.map((seq) => matmul(seq, Wq)), k: x.map((seq) => matmul(seq, Wk)), v: x.map((seq) => matmul(seq, Wv)) };
  // END SOLUTION
}

/**
 * Softmax of one row of scores over the entries `allowed` marks (true = may attend); masked entries are
 * exactly 0. Subtracts the largest allowed score first, so that no exp overflows. The caller guarantees at
 * least one allowed entry.
 */
function maskedSoftmaxRow(scores: Vector, allowed: boolean[]): Vector {
  // BEGIN SOLUTION hint: take the max over the allowed scores only, exp(score − max) where allowed and 0 elsewhere, then divide by the sum
  const max = Math.max(...scores.filter((_, j) => allowed[j]));
  const exps = scores.map((s, j) => (allowed[j] ? Math.exp(s - max) : 0));
  const sum = exps.reduce((total, e) => total + e, 0);
  return exps.map((e) => e / sum);
  // END SOLUTION
}

/**
 * Scaled dot-product attention. q: [B][Tq][dk], k: [B][Tk][dk], v: [B][Tk][dv], mask (optional): [Tq][Tk] of
 * 0/1, the same for every example, 1 = may attend → out: [B][Tq][dv] and weights: [B][Tq][Tk], with
 * weights[b][i] = softmax(q[b][i]·k[b]ᵀ / √dk) over the allowed keys (masked weights exactly 0, each row
 * sums to 1) and out[b][i] = Σ_j weights[b][i][j] · v[b][j].
 * Throws a RangeError when the mask is not [Tq][Tk] or a row of the mask allows no key.
 */
export function scaledDotProductAttention(q: Tensor3, k: Tensor3, v: Tensor3, mask?: Matrix): { out: Tensor3; weights: Tensor3 } {
  // BEGIN SOLUTION hint: check the mask's shape and that every row allows a key; per example, scores = q[b]·k[b]ᵀ / √dk, a masked softmax of each row, out[b] = weights[b]·v[b]
  const Tq = q[0]?.length ?? 0;
  const Tk = k[0]?.length ?? 0;
  const dk = q[0]?.[0]?.length ?? 0;
  if (mask !== undefined) {
    if (mask.length !== Tq || mask.some((row) => row.length !== Tk)) {
      throw new RangeError(`the mask must be [Tq][Tk] = [${Tq}][${Tk}], got ${mask.length} rows of lengths ${mask.map((row) => row.length).join(', ')}`);
    }
    const empty = mask.findIndex((row) => row.every((m) => m === 0));
    if (empty >= 0) throw new RangeError(`mask row ${empty} allows no key: query ${empty} has nothing to attend to, so its softmax is undefined`);
  }
  const allowed = Array.from({ length: Tq }, (_, i) => Array.from({ length: Tk }, (_, j) => mask === undefined || mask[i]![j] !== 0));
  const weights = q.map((qb, b) => matmul(qb, transpose(k[b]!)).map((row, i) => maskedSoftmaxRow(row.map((s) => s / Math.sqrt(dk)), allowed[i]!)));
  return { out: weights.map((wb, b) => matmul(wb, v[b]!)), weights };
  // END SOLUTION
}

/** The causal mask of T positions: Matrix [T][T] with 1 where j ≤ i (the present and the past), else 0. */
export function causalMask(T: number): Matrix {
  // BEGIN SOLUTION hint: row i is 1 for the columns j = 0..i and 0 for j > i
  return Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (j <= i ? 1 : 0)));
  // END SOLUTION
}

/**
 * x: [B][T][E] → [B][h][T][E/h]: head i gets the features i·E/h … (i+1)·E/h − 1 of every position (contiguous
 * blocks, not interleaved). Throws a RangeError unless h is a positive integer that divides E.
 */
export function splitHeads(x: Tensor3, h: number): Tensor4 {
  // BEGIN SOLUTION hint: check that h divides E; with d = E/h, head i of example b is x[b] with each row sliced to columns i·d … i·d + d − 1
  const E = x[0]?.[0]?.length ?? 0;
  if (!Number.isInteger(h) || h < 1 || E % h !== 0) throw new RangeError(`the number of heads must be a positive integer that divides E = ${E}, got ${h}`);
  const d = E / h;
  return x.map((seq) => Array.from({ length: h }, (_, i) => seq.map((row) => row.slice(i * d, (i + 1) * d))));
  // END SOLUTION
}

/** The inverse of splitHeads: x: [B][h][T][d] → [B][T][h·d], position t holding head 0's d features, then head 1's, … */
export function mergeHeads(x: Tensor4): Tensor3 {
  // BEGIN SOLUTION hint: for every example and position t, concatenate heads[0][t], heads[1][t], … in head order
  return x.map((heads) => (heads[0] ?? []).map((_, t) => heads.flatMap((head) => head[t]!)));
  // END SOLUTION
}

/**
 * Multi-head self-attention. x: [B][T][E], params: { Wq, Wk, Wv, Wo } each [E][E], numHeads h dividing E,
 * options.causal (default false) → out: [B][T][E] = mergeHeads(attention in every head)·Wo and
 * weights: [B][h][T][T], each head's attention weights. Throws a RangeError when h does not divide E.
 */
export function multiHeadSelfAttention(
  x: Tensor3,
  params: SelfAttentionParams,
  numHeads: number,
  options: SelfAttentionOptions = {},
): { out: Tensor3; weights: Tensor4 } {
  // BEGIN SOLUTION hint: projectQKV, then splitHeads each of q, k, v; the h heads of one example form a batch for scaledDotProductAttention (with causalMask(T) if causal); mergeHeads, then times Wo
  const { Wq, Wk, Wv, Wo } = params;
  const { q, k, v } = projectQKV(x, Wq, Wk, Wv);
  const [qh, kh, vh] = [q, k, v].map((t) => splitHeads(t, numHeads)) as [Tensor4, Tensor4, Tensor4];
  const mask = options.causal ? causalMask(x[0]?.length ?? 0) : undefined;
  const heads = qh.map((qb, b) => scaledDotProductAttention(qb, kh[b]!, vh[b]!, mask));
  const merged = mergeHeads(heads.map((head) => head.out));
  return { out: merged.map((seq) => matmul(seq, Wo)), weights: heads.map((head) => head.weights) };
  // END SOLUTION
}
