/**
 * Checks the 10-self-attention reference on its own. tfjs-layers has no MultiHeadAttention, so the checks are
 * properties of attention and autodiff: masked weights exactly 0 and rows summing to 1; a causal layer's
 * output at t ignores the tokens after t; without a mask, permuting the tokens permutes the outputs; one head
 * is single-head attention of the projections times Wo; every head's weights are single-head attention on
 * its slice; tf.grads agrees with float64 central differences of the solution's forward. Also: the
 * reference equals the float64 solution, the RangeErrors, stability on huge scores, and no tensor leaks.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { SelfAttentionParams } from '../../exercises/10-self-attention/self-attention.ts';
import type { Matrix, Tensor3 } from '../../grader/runtime/shared/types.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/10-self-attention/self-attention.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../10-self-attention.ts';
import { centralDifference, dot } from './central-difference.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(1010);
const [B, T, E] = [2, 5, 6];
const params = (size = E): SelfAttentionParams => ({
  Wq: random.matrix(size, size),
  Wk: random.matrix(size, size),
  Wv: random.matrix(size, size),
  Wo: random.matrix(size, size),
});
const matmul3 = (x: Tensor3, W: Matrix): Tensor3 => x.map((seq) => seq.map((row) => W[0]!.map((_, j) => row.reduce((s, v, e) => s + v * W[e]![j]!, 0))));
const columns = (x: Tensor3, from: number, to: number): Tensor3 => x.map((seq) => seq.map((row) => row.slice(from, to)));
/** The reference rounds to float32: a copy through it is exact to float32's precision. */
const FLOAT32 = { atol: 1e-7, rtol: 1e-7 };
/** A padding mask: query i may attend to the first lens[i] keys. */
const paddingMask = (lens: number[], Tk: number): Matrix => lens.map((len) => Array.from({ length: Tk }, (_, j) => (j < len ? 1 : 0)));

describe('scaled dot-product attention', () => {
  test('masked weights are exactly 0 and every row sums to 1 (padding and causal masks)', () => {
    const [q, k, v] = [random.tensor3(B, 4, 3), random.tensor3(B, 5, 3), random.tensor3(B, 5, 2)];
    for (const mask of [paddingMask([1, 3, 5, 2], 5), ref.causalMask(5).slice(0, 4)]) {
      const { weights } = noLeaks(() => ref.scaledDotProductAttention(q, k, v, mask));
      for (const wb of weights) {
        wb.forEach((row, i) => {
          row.forEach((w, j) => (mask[i]![j] === 0 ? expect(w).toBe(0) : expect(w).toBeGreaterThan(0)));
          expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
        });
      }
    }
  });

  test('equals the float64 solution, with and without a mask, Tq ≠ Tk and dv ≠ dk', () => {
    const [q, k, v] = [random.tensor3(B, 3, 4), random.tensor3(B, 5, 4), random.tensor3(B, 5, 2)];
    const mask = paddingMask([2, 5, 1], 5);
    for (const m of [undefined, mask]) {
      const got = ref.scaledDotProductAttention(q, k, v, m);
      const want = float64.scaledDotProductAttention(q, k, v, m);
      expectClose('weights', got.weights, want.weights);
      expectClose('out', got.out, want.out);
    }
    const scores = ref.attentionScores(q, k);
    expectClose('scores', scores, q.map((qb, b) => qb.map((qi) => k[b]!.map((kj) => qi.reduce((s, a, c) => s + a * kj[c]!, 0) / 2))));
  });

  test('stays finite on huge scores (the softmax subtracts the row max)', () => {
    const [q, k, v] = [random.tensor3(1, 3, 2, 300), random.tensor3(1, 3, 2, 300), random.tensor3(1, 3, 2)];
    const { out, weights } = ref.scaledDotProductAttention(q, k, v, ref.causalMask(3));
    expect([out, weights].flat(3).every(Number.isFinite)).toBe(true);
    expectClose('weights', weights, float64.scaledDotProductAttention(q, k, v, ref.causalMask(3)).weights);
  });

  test('a mask row with nothing allowed, or a mask of the wrong shape, is a RangeError', () => {
    const [q, k, v] = [random.tensor3(1, 2, 2), random.tensor3(1, 3, 2), random.tensor3(1, 3, 2)];
    noLeaks(() => expect(() => ref.scaledDotProductAttention(q, k, v, [[1, 0, 0], [0, 0, 0]])).toThrow(RangeError));
    noLeaks(() => expect(() => ref.scaledDotProductAttention(q, k, v, [[1, 1], [1, 1]])).toThrow(RangeError));
  });
});

describe('causal mask and heads', () => {
  test('causalMask is 1 where j ≤ i, else 0', () => {
    expect(ref.causalMask(4)).toEqual(float64.causalMask(4));
    expect(ref.causalMask(1)).toEqual([[1]]);
  });

  test('splitHeads gives head i the contiguous features i·E/h … (i+1)·E/h − 1; mergeHeads undoes it', () => {
    const x = random.tensor3(B, T, E);
    for (const h of [1, 2, 3, 6]) {
      const heads = noLeaks(() => ref.splitHeads(x, h));
      expect([heads.length, heads[0]!.length, heads[0]![0]!.length, heads[0]![0]![0]!.length]).toEqual([B, h, T, E / h]);
      heads.forEach((hb, b) => hb.forEach((head, i) => expectClose(`head ${i}`, head, columns(x, i * (E / h), (i + 1) * (E / h))[b]!, FLOAT32)));
      expectClose('mergeHeads(splitHeads(x))', noLeaks(() => ref.mergeHeads(heads)), x, FLOAT32);
      expectClose('the float64 splitHeads', heads, float64.splitHeads(x, h), FLOAT32);
    }
    expect(() => ref.splitHeads(x, 4)).toThrow(RangeError);
  });
});

describe('multi-head self-attention', () => {
  const x = random.tensor3(B, T, E);
  const W = params();

  test('equals the float64 solution, causal or not, for 1, 2, 3 and 6 heads', () => {
    for (const h of [1, 2, 3, 6]) {
      for (const causal of [false, true]) {
        const got = noLeaks(() => ref.multiHeadSelfAttention(x, W, h, { causal }));
        const want = float64.multiHeadSelfAttention(x, W, h, { causal });
        expectClose(`out (h ${h}, causal ${causal})`, got.out, want.out);
        expectClose(`weights (h ${h}, causal ${causal})`, got.weights, want.weights);
      }
    }
    expect(() => ref.multiHeadSelfAttention(x, W, 4)).toThrow(RangeError);
  });

  test('causal: the output at position t is unchanged when the tokens after t change', () => {
    const { out } = ref.multiHeadSelfAttention(x, W, 2, { causal: true });
    for (let t = 0; t < T - 1; t++) {
      const changed = x.map((seq) => seq.map((row, s) => (s > t ? row.map(() => random.uniform(-3, 3)) : row)));
      const after = ref.multiHeadSelfAttention(changed, W, 2, { causal: true }).out;
      expectClose(`out[:, 0..${t}]`, after.map((seq) => seq.slice(0, t + 1)), out.map((seq) => seq.slice(0, t + 1)), { atol: 1e-6, rtol: 1e-5 });
      expect(after.map((seq) => seq[t + 1])).not.toEqual(out.map((seq) => seq[t + 1]));
    }
  });

  test('without a mask, permuting the tokens permutes the outputs (and the weights’ rows and columns)', () => {
    const order = [3, 0, 4, 1, 2];
    const permuted = x.map((seq) => order.map((t) => seq[t]!));
    const { out, weights } = ref.multiHeadSelfAttention(x, W, 3);
    const after = ref.multiHeadSelfAttention(permuted, W, 3);
    expectClose('out of the permuted tokens', after.out, out.map((seq) => order.map((t) => seq[t]!)), { atol: 1e-5, rtol: 1e-4 });
    const permutedWeights = weights.map((wb) => wb.map((head) => order.map((i) => order.map((j) => head[i]![j]!))));
    expectClose('weights of the permuted tokens', after.weights, permutedWeights, { atol: 1e-6, rtol: 1e-4 });
  });

  test('one head is single-head scaled dot-product attention of the projections, then Wo', () => {
    const { q, k, v } = ref.projectQKV(x, W.Wq, W.Wk, W.Wv);
    for (const causal of [false, true]) {
      const single = ref.scaledDotProductAttention(q, k, v, causal ? ref.causalMask(T) : undefined);
      const { out, weights } = ref.multiHeadSelfAttention(x, W, 1, { causal });
      expectClose('weights of the one head', weights.map((wb) => wb[0]!), single.weights, { atol: 1e-6, rtol: 1e-5 });
      expectClose('out', out, matmul3(single.out, W.Wo), { atol: 1e-5, rtol: 1e-4 });
    }
  });

  test('the weights of head i are single-head attention on the i-th slice of the projections', () => {
    const h = 3;
    const d = E / h;
    const { q, k, v } = ref.projectQKV(x, W.Wq, W.Wk, W.Wv);
    const { weights } = ref.multiHeadSelfAttention(x, W, h, { causal: true });
    for (let i = 0; i < h; i++) {
      const [qi, ki, vi] = [q, k, v].map((t) => columns(t, i * d, (i + 1) * d)) as [Tensor3, Tensor3, Tensor3];
      expectClose(`weights of head ${i}`, weights.map((wb) => wb[i]!), ref.scaledDotProductAttention(qi, ki, vi, ref.causalMask(T)).weights, { atol: 1e-6, rtol: 1e-5 });
    }
  });

  test('tf.grads of Σ dout ⊙ out equals float64 central differences of the solution’s forward', () => {
    const [b, t, e, h] = [2, 3, 4, 2];
    const xs = random.tensor3(b, t, e);
    const Ws = params(e);
    const dout = random.tensor3(b, t, e);
    for (const causal of [false, true]) {
      const loss = (xv: Tensor3, w: SelfAttentionParams) => dot(dout, float64.multiHeadSelfAttention(xv, w, h, { causal }).out);
      const numeric = {
        dx: centralDifference((v: Tensor3) => loss(v, Ws), xs),
        dWq: centralDifference((v: Matrix) => loss(xs, { ...Ws, Wq: v }), Ws.Wq),
        dWk: centralDifference((v: Matrix) => loss(xs, { ...Ws, Wk: v }), Ws.Wk),
        dWv: centralDifference((v: Matrix) => loss(xs, { ...Ws, Wv: v }), Ws.Wv),
        dWo: centralDifference((v: Matrix) => loss(xs, { ...Ws, Wo: v }), Ws.Wo),
      };
      const grads = noLeaks(() => ref.multiHeadSelfAttentionGrads(xs, Ws, h, { causal }, dout));
      for (const key of ['dx', 'dWq', 'dWk', 'dWv', 'dWo'] as const) expectClose(`${key} (causal ${causal})`, grads[key], numeric[key], GRADIENT_TOLERANCE);
    }
  });
});

test('no call leaves a tensor behind', () => {
  const x = random.tensor3(B, T, E);
  const W = params();
  noLeaks(() => ref.projectQKV(x, W.Wq, W.Wk, W.Wv));
  noLeaks(() => ref.attentionScores(x, x));
  noLeaks(() => ref.scaledDotProductAttention(x, x, x, ref.causalMask(T)));
  noLeaks(() => ref.causalMask(T));
  noLeaks(() => ref.mergeHeads(ref.splitHeads(x, 2)));
  noLeaks(() => ref.multiHeadSelfAttention(x, W, 2, { causal: true }));
});
