/**
 * Checks the 09-attention reference on its own: the properties of a masked softmax and of a context vector,
 * the float64 solution on the same inputs, and the attention gradients of tf.grads against float64 central
 * differences of the solution's forward. No call may leak tensors. (tfjs-layers 4.22 exports no attention layer.)
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import type { Matrix, Tensor3, Vector } from '../../grader/runtime/shared/types.ts';
import * as float64 from '../../solutions/09-attention/attention.ts';
import * as ref from '../09-attention.ts';
import { initBackend } from '../backend.ts';
import { centralDifference, dot } from './central-difference.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(909);
const [B, Q, K, d, A] = [2, 3, 4, 5, 3];
const params = () => ({ Wq: random.matrix(d, A), Wk: random.matrix(d, A), wv: random.vector(A) });
const rowSums = (w: Tensor3) => w.map((m) => m.map((row) => row.reduce((s, v) => s + v, 0)));
const ones = (rows: number, cols: number): Matrix => Array.from({ length: rows }, () => new Array<number>(cols).fill(1));

describe('reference masked softmax', () => {
  test('rows sum to 1, masked entries are exactly 0, for [B] and [B][Q] lengths', () => {
    const scores = random.tensor3(B, Q, K, 3);
    for (const lens of [[2, 4], [[1, 2, 3], [4, 4, 2]]] as (Vector | Matrix)[]) {
      const w = noLeaks(() => ref.maskedSoftmax(scores, lens));
      expectClose('row sums', rowSums(w), ones(B, Q), { atol: 1e-6 });
      const mask = ref.validMask(B, Q, K, lens);
      w.forEach((m, b) => m.forEach((row, i) => row.forEach((v, j) => expect(mask[b]![i]![j] ? v > 0 : v === 0, `w[${b}][${i}][${j}] = ${v}`).toBe(true))));
    }
  });

  test('adding a constant to a row changes nothing; scores of 1e3 stay finite; no lengths is a plain softmax', () => {
    const scores = random.tensor3(B, Q, K, 2);
    const shifted = scores.map((m) => m.map((row, i) => row.map((s) => s + 10 * i - 7)));
    expectClose('shifted', ref.maskedSoftmax(shifted, [3, 2]), ref.maskedSoftmax(scores, [3, 2]), { atol: 1e-6 });
    const huge = ref.maskedSoftmax(scores.map((m) => m.map((row) => row.map((s) => 1e3 * s))), [4, 3]);
    expect(huge.flat(2).every(Number.isFinite)).toBe(true);
    expectClose('row sums of huge scores', rowSums(huge), ones(B, Q), { atol: 1e-6 });
    const plain = scores.map((m) => m.map((row) => row.map((s) => Math.exp(s) / row.reduce((t, u) => t + Math.exp(u), 0))));
    expectClose('plain softmax', ref.maskedSoftmax(scores), plain, { atol: 1e-6 });
  });

  test('a length of 0, above K or not an integer, and lengths of the wrong count, are RangeErrors', () => {
    const scores = random.tensor3(B, Q, K);
    for (const lens of [[0, 2], [2, K + 1], [1.5, 2], [2], [[1, 2], [1, 2, 3]]] as (Vector | Matrix)[]) {
      noLeaks(() => expect(() => ref.maskedSoftmax(scores, lens), JSON.stringify(lens)).toThrow(RangeError));
    }
  });
});

describe('reference scores and context', () => {
  test('equals the float64 solution: dot and additive scores, masked softmax, context, a Bahdanau step', () => {
    const [q, k, v] = [random.tensor3(B, Q, d), random.tensor3(B, K, d), random.tensor3(B, K, 2)];
    const { Wq, Wk, wv } = params();
    expectClose('dotScores', noLeaks(() => ref.dotScores(q, k)), float64.dotScores(q, k));
    expectClose('additiveScores', noLeaks(() => ref.additiveScores(q, k, Wq, Wk, wv)), float64.additiveScores(q, k, Wq, Wk, wv));
    const scores = float64.dotScores(q, k);
    expectClose('maskedSoftmax', ref.maskedSoftmax(scores, [[1, 3, 4], [2, 2, 4]]), float64.maskedSoftmax(scores, [[1, 3, 4], [2, 2, 4]]));
    const w = float64.maskedSoftmax(scores, [3, 4]);
    expectClose('attentionContext', noLeaks(() => ref.attentionContext(w, v)), float64.attentionContext(w, v));
    const [s, enc] = [random.matrix(B, d), random.tensor3(B, K, d)];
    const step = noLeaks(() => ref.bahdanauStep(s, enc, { Wq, Wk, wv }, [2, 4]));
    const own = float64.bahdanauStep(s, enc, { Wq, Wk, wv }, [2, 4]);
    expectClose('bahdanauStep context', step.context, own.context);
    expectClose('bahdanauStep weights', step.weights, own.weights);
  });

  test('the additive score of one pair is wv · tanh(q·Wq + k·Wk), written out', () => {
    const [q, k] = [random.tensor3(1, 1, d), random.tensor3(1, 1, d)];
    const { Wq, Wk, wv } = params();
    const project = (x: Vector, W: Matrix) => W[0]!.map((_, a) => x.reduce((s, xi, r) => s + xi * W[r]![a]!, 0));
    const [pq, pk] = [project(q[0]![0]!, Wq), project(k[0]![0]!, Wk)];
    const expected = wv.reduce((s, w, a) => s + w * Math.tanh(pq[a]! + pk[a]!), 0);
    expectClose('score', ref.additiveScores(q, k, Wq, Wk, wv), [[[expected]]], { atol: 1e-6 });
  });

  test('the context is a convex combination of the values; equal scores give the mean of the allowed values', () => {
    const v = random.tensor3(B, K, 3, 4);
    const w = ref.maskedSoftmax(random.tensor3(B, Q, K, 3), [3, 4]);
    const context = ref.attentionContext(w, v);
    context.forEach((m, b) =>
      m.forEach((row) =>
        row.forEach((c, col) => {
          const column = v[b]!.map((value) => value[col]!);
          expect(c).toBeGreaterThanOrEqual(Math.min(...column) - 1e-6);
          expect(c).toBeLessThanOrEqual(Math.max(...column) + 1e-6);
        }),
      ),
    );
    const equal = ref.maskedSoftmax(random.tensor3(B, Q, K).map((m) => m.map((row) => row.map(() => 0.7))), [2, 3]);
    const mean = (rows: Matrix) => rows[0]!.map((_, col) => rows.reduce((s, r) => s + r[col]!, 0) / rows.length);
    const means = [mean(v[0]!.slice(0, 2)), mean(v[1]!.slice(0, 3))];
    expectClose('context of equal scores', ref.attentionContext(equal, v), means.map((m) => Array.from({ length: Q }, () => m)), { atol: 1e-6 });
  });
});

describe('reference attention gradients (tf.grads through scores → masked softmax → context)', () => {
  test('dot-product attention: dq, dk, dv equal central differences of the solution’s forward', () => {
    const [q, k, v] = [random.tensor3(B, 2, 3), random.tensor3(B, K, 3), random.tensor3(B, K, 2)];
    const dContext = random.tensor3(B, 2, 2);
    const lens = [[2, 4], [3, 1]];
    const loss = (qv: Tensor3, kv: Tensor3, vv: Tensor3) => dot(dContext, float64.attentionContext(float64.maskedSoftmax(float64.dotScores(qv, kv), lens), vv));
    const grads = noLeaks(() => ref.dotAttentionGradients(q, k, v, dContext, lens));
    expectClose('dq', grads.dq, centralDifference((x: Tensor3) => loss(x, k, v), q), GRADIENT_TOLERANCE);
    expectClose('dk', grads.dk, centralDifference((x: Tensor3) => loss(q, x, v), k), GRADIENT_TOLERANCE);
    expectClose('dv', grads.dv, centralDifference((x: Tensor3) => loss(q, k, x), v), GRADIENT_TOLERANCE);
    // Keys no query may see get no gradient at all (batch 1 attends to at most 3 keys).
    expectClose('dk of key 3 in batch 1', grads.dk[1]![3], [0, 0, 0], { atol: 0, rtol: 0 });
  });

  test('a Bahdanau step: dsPrev, dEncOut, dWq, dWk, dwv equal central differences of the solution’s forward', () => {
    const [s, enc] = [random.matrix(B, 3), random.tensor3(B, K, 2)];
    const p = { Wq: random.matrix(3, A), Wk: random.matrix(2, A), wv: random.vector(A) };
    const dContext = random.matrix(B, 2);
    const lens = [3, 4];
    const loss = (sv: Matrix, ev: Tensor3, Wq: Matrix, Wk: Matrix, wv: Vector) => dot(dContext, float64.bahdanauStep(sv, ev, { Wq, Wk, wv }, lens).context);
    const grads = noLeaks(() => ref.bahdanauGradients(s, enc, p, dContext, lens));
    expectClose('dsPrev', grads.dsPrev, centralDifference((x: Matrix) => loss(x, enc, p.Wq, p.Wk, p.wv), s), GRADIENT_TOLERANCE);
    expectClose('dEncOut', grads.dEncOut, centralDifference((x: Tensor3) => loss(s, x, p.Wq, p.Wk, p.wv), enc), GRADIENT_TOLERANCE);
    expectClose('dWq', grads.dWq, centralDifference((x: Matrix) => loss(s, enc, x, p.Wk, p.wv), p.Wq), GRADIENT_TOLERANCE);
    expectClose('dWk', grads.dWk, centralDifference((x: Matrix) => loss(s, enc, p.Wq, x, p.wv), p.Wk), GRADIENT_TOLERANCE);
    expectClose('dwv', grads.dwv, centralDifference((x: Vector) => loss(s, enc, p.Wq, p.Wk, x), p.wv), GRADIENT_TOLERANCE);
  });
});
