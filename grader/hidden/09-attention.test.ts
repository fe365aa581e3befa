import { describe, expect } from 'vitest';
import type * as Exercise from '../../exercises/09-attention/attention.ts';
import type { AdditiveAttentionParams } from '../../exercises/09-attention/attention.ts';
import type { Matrix, Tensor3, Vector } from '../runtime/shared/types.ts';
import * as ref from '../../reference/09-attention.ts';
import { expectOutputs } from '../runtime/check.ts';
import { ComparisonError, expectClose } from '../runtime/compare.ts';
import type { Alternative, DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { validLensContext } from '../runtime/mistakes/09-attention.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';
import { transpose } from '../runtime/shared/linalg.ts';

const student = loadSubmission<typeof Exercise>('09-attention');
const random = hiddenRandom('09-attention');

const shapeOf = (t: Tensor3) => [t.length, t[0]!.length, t[0]![0]!.length] as const;
const transposeEach = (t: Tensor3): Tensor3 => t.map(transpose);
const params = (dq: number, dk: number, A: number, scale = 1): AdditiveAttentionParams => ({ Wq: random.matrix(dq, A, scale), Wk: random.matrix(dk, A, scale), wv: random.vector(A) });

/** Additive scores without the tanh: wv · (q·Wq + k·Wk), a wrong answer computed with plain loops. */
function scoresWithoutTanh(q: Tensor3, k: Tensor3, Wq: Matrix, Wk: Matrix, wv: Vector): Tensor3 {
  const project = (x: Vector, W: Matrix) => W[0]!.map((_, a) => x.reduce((s, xi, r) => s + xi * W[r]![a]!, 0));
  return q.map((qb, b) => qb.map((qi) => k[b]!.map((kj) => {
    const [pq, pk] = [project(qi, Wq), project(kj, Wk)];
    return wv.reduce((s, w, a) => s + w * (pq[a]! + pk[a]!), 0);
  })));
}
const NO_TANH = 'Looks like the tanh is missing: your scores equal wv · (q·Wq + k·Wk). Bahdanau scores are wv · tanh(q·Wq + k·Wk).';

async function expectDot(q: Tensor3, k: Tensor3): Promise<void> {
  const scaled: Alternative = {
    value: () => ref.dotScores(q, k).map((m) => m.map((row) => row.map((s) => s / Math.sqrt(q[0]![0]!.length)))),
    diagnosis: 'Looks like the scores are divided by √d: dotScores is the plain q·kᵀ; the scaling belongs to exercise 10.',
  };
  expectClose('dotScores(…)', await student.dotScores(q, k), ref.dotScores(q, k), undefined, { alternatives: [scaled] });
}

async function expectAdditive(...args: Parameters<typeof ref.additiveScores>): Promise<void> {
  const context: DiagnosisContext = { alternatives: [{ value: () => scoresWithoutTanh(...args), diagnosis: NO_TANH }] };
  expectClose('additiveScores(…)', await student.additiveScores(...args), ref.additiveScores(...args), undefined, context);
}

/** validLens one larger (capped at K): the lengths of a student who allows the keys j ≤ validLen. */
const oneMore = (validLens: Vector | Matrix, K: number): Vector | Matrix =>
  validLens.map((lens: number | Vector) => (Array.isArray(lens) ? lens.map((l) => Math.min(K, l + 1)) : Math.min(K, lens + 1))) as Vector | Matrix;
const ONE_KEY_TOO_MANY = 'Looks like one key too many is allowed: a valid length L allows the keys j < L (0 … L−1), not j ≤ L.';

async function expectSoftmax(scores: Tensor3, validLens?: Vector | Matrix): Promise<void> {
  const offByOne: Alternative[] = validLens ? [{ value: () => ref.maskedSoftmax(scores, oneMore(validLens, shapeOf(scores)[2])), diagnosis: ONE_KEY_TOO_MANY }] : [];
  const context = { ...validLensContext(shapeOf(scores), validLens), logits: validLens ? undefined : scores, alternatives: offByOne };
  expectClose('maskedSoftmax(…)', await student.maskedSoftmax(scores, validLens), ref.maskedSoftmax(scores, validLens), undefined, context);
}

async function expectContext(weights: Tensor3, v: Tensor3): Promise<void> {
  const transposed: Alternative = {
    value: () => ref.attentionContext(transposeEach(weights), v),
    diagnosis: 'Looks like the weights are used transposed: context[b][i] = Σ_j weights[b][i][j] · v[b][j], the sum runs over the keys j, the last axis of the weights.',
  };
  expectClose('attentionContext(…)', await student.attentionContext(weights, v), ref.attentionContext(weights, v), undefined, { alternatives: [transposed] });
}

async function expectStep(sPrev: Matrix, encOut: Tensor3, p: AdditiveAttentionParams, validLens?: Vector): Promise<void> {
  const [B, T] = [encOut.length, encOut[0]!.length];
  const weightsMask = (validLensContext([B, 1, T], validLens).mask as Tensor3).map((m) => m[0]!);
  const offByOne: Alternative[] = validLens ? [{ value: () => ref.bahdanauStep(sPrev, encOut, p, oneMore(validLens, T) as Vector), diagnosis: ONE_KEY_TOO_MANY }] : [];
  const context: DiagnosisContext = { alternatives: offByOne, outputs: { weights: { mask: weightsMask } } };
  expectOutputs('bahdanauStep', await student.bahdanauStep(sPrev, encOut, p, validLens), ref.bahdanauStep(sPrev, encOut, p, validLens), undefined, context);
}

/** Throws unless every entry the valid lengths mask is exactly 0 (not merely tiny) and every row sums to 1. */
function expectExactMask(weights: Tensor3, validLens: Vector | Matrix): void {
  const { mask } = validLensContext(shapeOf(weights), validLens) as { mask: Tensor3 };
  weights.forEach((m, b) =>
    m.forEach((row, i) => {
      const j = row.findIndex((w, jj) => mask[b]![i]![jj] === 0 && w !== 0);
      if (j >= 0) throw new ComparisonError(`maskedSoftmax(…)[${b}][${i}][${j}] is masked but has weight ${row[j]}: masked weights must be exactly 0`);
      expectClose(`Σ_j maskedSoftmax(…)[${b}][${i}][j]`, row.reduce((s, w) => s + w, 0), 1, { atol: 1e-9 });
    }),
  );
}

describe('dotScores (hidden)', () => {
  graded('random batch (B=3 Q=2 K=5 d=4), a single query, key and feature, and large entries', 1, async () => {
    await expectDot(random.tensor3(3, 2, 4), random.tensor3(3, 5, 4));
    await expectDot([[[3]]], [[[-2]]]);
    await expectDot(random.tensor3(1, 2, 3, 50), random.tensor3(1, 3, 3, 50));
  });
  graded('as many queries as keys (Q = K = 4): the result must not be transposed', 1, () => expectDot(random.tensor3(2, 4, 3), random.tensor3(2, 4, 3)));
});

describe('additiveScores (hidden)', () => {
  graded('random batch, queries and keys of different sizes (dq=3, dk=5, A=4)', 1, () => {
    const p = params(3, 5, 4);
    return expectAdditive(random.tensor3(3, 2, 3), random.tensor3(3, 4, 5), p.Wq, p.Wk, p.wv);
  });
  graded('Wk = 0: every key gets the same score, wv · tanh(q·Wq); Wq = 0: every query the same row', 1, async () => {
    const p = params(2, 3, 3);
    const [q, k] = [random.tensor3(2, 3, 2), random.tensor3(2, 4, 3)];
    await expectAdditive(q, k, p.Wq, p.Wk.map((row) => row.map(() => 0)), p.wv);
    await expectAdditive(q, k, p.Wq.map((row) => row.map(() => 0)), p.Wk, p.wv);
  });
  graded('saturated tanh (large projections, every |score| near Σ|wv|)', 1, () => {
    const p = params(3, 3, 5, 10);
    return expectAdditive(random.tensor3(2, 2, 3), random.tensor3(2, 3, 3), p.Wq, p.Wk, p.wv);
  });
});

describe('maskedSoftmax (hidden)', () => {
  graded('random scores with one valid length per batch', 1, () => expectSoftmax(random.tensor3(3, 2, 5, 3), [1, 5, 3]));
  graded('random scores with one valid length per query ([B][Q])', 1, () => expectSoftmax(random.tensor3(2, 3, 4, 3), [[4, 1, 2], [3, 4, 1]]));
  graded('masked weights are exactly 0 and every row sums to 1', 1, async () => {
    const scores = random.tensor3(2, 3, 6, 5);
    const lens = [[2, 6, 1], [5, 3, 4]];
    expectExactMask(await student.maskedSoftmax(scores, lens), lens);
  });
  graded('a masked key with a huge score takes no weight', 1, async () => {
    const scores = random.tensor3(2, 2, 4).map((m) => m.map((row) => row.map((s, j) => (j >= 2 ? 800 + s : s))));
    expectExactMask(await student.maskedSoftmax(scores, [2, 2]), [2, 2]);
    await expectSoftmax(scores, [2, 2]);
  });
  graded('adding a constant to a row changes nothing; scores of ±1e3 stay finite', 1, async () => {
    const scores = random.tensor3(2, 3, 4, 2);
    const shifted = scores.map((m) => m.map((row, i) => row.map((s) => s + 50 * (i + 1))));
    expectClose('maskedSoftmax(scores + c)', await student.maskedSoftmax(shifted, [3, 4]), ref.maskedSoftmax(scores, [3, 4]));
    // Exactly representable in float32 (1000 ± quarters), so that the float32 reference loses nothing.
    const huge = random.tensor3(2, 2, 5).map((m, b) => m.map((row) => row.map(() => (b ? -1 : 1) * (1000 + random.int(16) / 4))));
    await expectSoftmax(huge, [4, 5]);
  });
  graded('without validLens, a plain softmax over the keys; K = 1 gives weight 1', 1, async () => {
    await expectSoftmax(random.tensor3(2, 4, 3, 3));
    expectClose('maskedSoftmax(scores [2][3][1], [1, 1])', await student.maskedSoftmax(random.tensor3(2, 3, 1, 5), [1, 1]), [[[1], [1], [1]], [[1], [1], [1]]]);
  });
  graded('a row with nothing allowed (valid length 0) throws a RangeError, never NaN', 1, async () => {
    const scores = random.tensor3(2, 2, 3);
    await expectRangeError('maskedSoftmax(scores, [2, 0])', student.maskedSoftmax(scores, [2, 0]));
    await expectRangeError('maskedSoftmax(scores, [[1, 0], [2, 3]])', student.maskedSoftmax(scores, [[1, 0], [2, 3]]));
  });
  graded('a valid length above K or not an integer throws a RangeError', 1, async () => {
    const scores = random.tensor3(2, 2, 3);
    await expectRangeError('maskedSoftmax(scores with K = 3, [4, 1])', student.maskedSoftmax(scores, [4, 1]));
    await expectRangeError('maskedSoftmax(scores, [1.5, 2])', student.maskedSoftmax(scores, [1.5, 2]));
  });
});

describe('attentionContext (hidden)', () => {
  graded('random weights, Q = K = dv = 3 (the sum must run over the keys)', 1, () => expectContext(ref.maskedSoftmax(random.tensor3(2, 3, 3, 2), [2, 3]), random.tensor3(2, 3, 3)));
  graded('a convex combination: inside each column’s min and max; one-hot weights pick a value; equal weights give the mean', 1, async () => {
    const v = random.tensor3(2, 4, 3, 5);
    const context = await student.attentionContext(ref.maskedSoftmax(random.tensor3(2, 5, 4, 4), [4, 2]), v);
    context.forEach((m, b) =>
      m.forEach((row) =>
        row.forEach((c, col) => {
          const column = v[b]!.map((value) => value[col]!);
          expect(c >= Math.min(...column) - 1e-9 && c <= Math.max(...column) + 1e-9, `context[${b}][·][${col}] = ${c} lies outside the values' range`).toBe(true);
        }),
      ),
    );
    const oneHot = [[[0, 0, 1, 0]], [[1, 0, 0, 0]]];
    expectClose('attentionContext(one-hot weights, v)', await student.attentionContext(oneHot, v), [[v[0]![2]!], [v[1]![0]!]]);
    const mean = (rows: Matrix) => rows[0]!.map((_, col) => rows.reduce((s, r) => s + r[col]!, 0) / rows.length);
    const equal = [[[0.25, 0.25, 0.25, 0.25]], [[0.5, 0.5, 0, 0]]];
    expectClose('attentionContext(equal weights, v)', await student.attentionContext(equal, v), [[mean(v[0]!)], [mean(v[1]!.slice(0, 2))]]);
  });
});

describe('bahdanauStep (hidden)', () => {
  graded('random batch with padding, decoder and encoder of different sizes (Hq=3, Hk=5, A=4)', 2, () => expectStep(random.matrix(3, 3), random.tensor3(3, 6, 5), params(3, 5, 4), [6, 2, 4]));
  graded('without validLens; T = 1 gives weight 1 and context = the only encoder state', 1, async () => {
    await expectStep(random.matrix(2, 4), random.tensor3(2, 5, 4), params(4, 4, 3));
    const encOut = random.tensor3(2, 1, 3);
    const { context, weights } = await student.bahdanauStep(random.matrix(2, 3), encOut, params(3, 3, 2));
    expectClose('bahdanauStep(…, T = 1).weights', weights, [[1], [1]]);
    expectClose('bahdanauStep(…, T = 1).context', context, encOut.map((seq) => seq[0]!));
  });
  graded('padded encoder steps get weight exactly 0: changing them changes nothing', 1, async () => {
    const [sPrev, encOut, p] = [random.matrix(2, 3), random.tensor3(2, 5, 3), params(3, 3, 3)];
    const repadded = encOut.map((seq, b) => seq.map((state, t) => (t >= [3, 4][b]! ? state.map(() => 100) : state)));
    const [own, padded] = [await student.bahdanauStep(sPrev, encOut, p, [3, 4]), await student.bahdanauStep(sPrev, repadded, p, [3, 4])];
    expectExactMask(own.weights.map((w) => [w]), [3, 4]);
    expectClose('bahdanauStep(…, other padding).context', padded.context, ref.bahdanauStep(sPrev, encOut, p, [3, 4]).context);
  });
  graded('your context is the attentionContext of your weights and the encoder states', 1, async () => {
    const [sPrev, encOut, p] = [random.matrix(3, 4), random.tensor3(3, 4, 4), params(4, 4, 2)];
    const { context, weights } = await student.bahdanauStep(sPrev, encOut, p, [4, 1, 3]);
    expectClose('bahdanauStep(…).weights', weights, ref.bahdanauStep(sPrev, encOut, p, [4, 1, 3]).weights, undefined, { mask: [[1, 1, 1, 1], [1, 0, 0, 0], [1, 1, 1, 0]] });
    expectClose('bahdanauStep(…).context', context, ref.attentionContext(weights.map((w) => [w]), encOut).map((c) => c[0]!));
  });
  graded('a valid length of 0 throws a RangeError', 1, () =>
    expectRangeError('bahdanauStep(…, validLens [2, 0])', student.bahdanauStep(random.matrix(2, 2), random.tensor3(2, 3, 2), params(2, 2, 2), [2, 0])),
  );
});
