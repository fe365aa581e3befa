import { describe } from 'vitest';
import type * as Exercise from '../../exercises/10-self-attention/self-attention.ts';
import type { SelfAttentionParams } from '../../exercises/10-self-attention/self-attention.ts';
import type { Matrix, Tensor3, Tensor4 } from '../runtime/shared/types.ts';
import * as ref from '../../reference/10-self-attention.ts';
import { expectOutputs } from '../runtime/check.ts';
import { expectClose } from '../runtime/compare.ts';
import type { Alternative, DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import {
  ATTENTION_SCALED_BY_DK,
  ATTENTION_UNSCALED,
  CAUSAL_IGNORED,
  CAUSAL_MASK_TRANSPOSED,
  HEADS_INTERLEAVED,
  interleavedFeatureOrder,
  MASK_WHERE_NOT_ASKED,
  MERGE_INTERLEAVED,
  reorderFeatures,
  WO_MISSING,
} from '../runtime/mistakes/10-self-attention.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';
import { transpose } from '../runtime/shared/linalg.ts';

const student = loadSubmission<typeof Exercise>('10-self-attention');
const random = hiddenRandom('10-self-attention');

const params = (E: number, scale = 1): SelfAttentionParams => ({
  Wq: random.matrix(E, E, scale),
  Wk: random.matrix(E, E, scale),
  Wv: random.matrix(E, E, scale),
  Wo: random.matrix(E, E, scale),
});
const identity = (E: number): Matrix => Array.from({ length: E }, (_, i) => Array.from({ length: E }, (_, j) => (i === j ? 1 : 0)));
const scale = (x: Tensor3, s: number): Tensor3 => x.map((m) => m.map((row) => row.map((v) => v * s)));
/** Query i may attend to the first lens[i] keys. */
const paddingMask = (lens: number[], Tk: number): Matrix => lens.map((len) => Array.from({ length: Tk }, (_, j) => (j < len ? 1 : 0)));
/** x·W at every position, computed by the reference (projectQKV's q is exactly that). */
const times = (x: Tensor3, W: Matrix): Tensor3 => ref.projectQKV(x, W, W, W).q;
const columns = (x: Tensor3, from: number, to: number): Tensor3 => x.map((seq) => seq.map((row) => row.slice(from, to)));
const isCausal = (mask: Matrix): boolean => mask.every((row, i) => row.every((m, j) => m === (j <= i ? 1 : 0)));

/** The diagnosers' context of scaled dot-product attention: the classic wrong answers (lazily, by the reference), the mask, the logits. */
function attentionContext(q: Tensor3, k: Tensor3, v: Tensor3, mask?: Matrix): DiagnosisContext {
  const root = Math.sqrt(q[0]![0]!.length);
  const alternatives: Alternative[] = [
    { value: () => ref.scaledDotProductAttention(scale(q, root), k, v, mask), diagnosis: ATTENTION_UNSCALED },
    { value: () => ref.scaledDotProductAttention(scale(q, 1 / root), k, v, mask), diagnosis: ATTENTION_SCALED_BY_DK },
  ];
  if (mask && isCausal(mask)) alternatives.push({ value: () => ref.scaledDotProductAttention(q, k, v, transpose(mask)), diagnosis: CAUSAL_MASK_TRANSPOSED });
  const weights: DiagnosisContext = mask ? { mask } : { logits: ref.attentionScores(q, k) };
  return { alternatives, outputs: { weights } };
}

async function expectAttention(q: Tensor3, k: Tensor3, v: Tensor3, mask?: Matrix): Promise<void> {
  const got = await (mask ? student.scaledDotProductAttention(q, k, v, mask) : student.scaledDotProductAttention(q, k, v));
  expectOutputs('scaledDotProductAttention', got, ref.scaledDotProductAttention(q, k, v, mask), undefined, attentionContext(q, k, v, mask));
}

/** The diagnosers' context of multi-head self-attention: Wo left out, the causal option ignored or applied unasked. */
function multiHeadContext(x: Tensor3, W: SelfAttentionParams, h: number, causal: boolean): DiagnosisContext {
  const T = x[0]!.length;
  return {
    alternatives: [
      { value: () => ref.multiHeadSelfAttention(x, { ...W, Wo: identity(W.Wo.length) }, h, { causal }), diagnosis: WO_MISSING },
      { value: () => ref.multiHeadSelfAttention(x, W, h, { causal: !causal }), diagnosis: causal ? CAUSAL_IGNORED : MASK_WHERE_NOT_ASKED },
    ],
    outputs: { weights: causal ? { mask: ref.causalMask(T) } : {} },
  };
}

async function expectMultiHead(x: Tensor3, W: SelfAttentionParams, h: number, causal: boolean): Promise<void> {
  const got = await student.multiHeadSelfAttention(x, W, h, { causal });
  expectOutputs(`multiHeadSelfAttention(…, ${h} heads, causal: ${causal})`, got, ref.multiHeadSelfAttention(x, W, h, { causal }), undefined, multiHeadContext(x, W, h, causal));
}

describe('projectQKV (hidden)', () => {
  graded('random batch B=3 T=4 E=5, dk = 3, dv = 2', 1, async () => {
    const [x, Wq, Wk, Wv] = [random.tensor3(3, 4, 5), random.matrix(5, 3), random.matrix(5, 3), random.matrix(5, 2)];
    expectOutputs('projectQKV', await student.projectQKV(x, Wq, Wk, Wv), ref.projectQKV(x, Wq, Wk, Wv));
  });
});

describe('scaledDotProductAttention (hidden)', () => {
  graded('random batch, no mask, Tq = 4 queries, Tk = 6 keys, dk = 5, dv = 3', 2, () =>
    expectAttention(random.tensor3(2, 4, 5, 1.5), random.tensor3(2, 6, 5, 1.5), random.tensor3(2, 6, 3)),
  );
  graded('a padding mask: masked weights are exactly 0, every row sums to 1', 1, async () => {
    const [q, k, v] = [random.tensor3(2, 4, 3), random.tensor3(2, 5, 3), random.tensor3(2, 5, 2)];
    const mask = paddingMask([2, 5, 1, 3], 5);
    await expectAttention(q, k, v, mask);
    const { weights } = await student.scaledDotProductAttention(q, k, v, mask);
    const masked = weights.flatMap((wb) => wb.flatMap((row, i) => row.filter((_, j) => mask[i]![j] === 0)));
    expectClose('every weight where the mask is 0', masked, masked.map(() => 0), { atol: 0, rtol: 0 });
    expectClose('the sum of each row of weights', weights.map((wb) => wb.map((row) => row.reduce((s, w) => s + w, 0))), [[1, 1, 1, 1], [1, 1, 1, 1]], { atol: 1e-12 });
  });
  graded('the causal mask, dk = 8 (where the 1/√dk scale matters)', 1, () => expectAttention(random.tensor3(2, 5, 8), random.tensor3(2, 5, 8), random.tensor3(2, 5, 3), ref.causalMask(5)));
  graded('stays finite on huge scores (integer entries up to ±100: scores in the thousands)', 1, () => {
    // Integers and dk = 4 keep the float32 reference's scores exact, so only the softmax's stability is tested.
    const integers = (T: number) => random.tensor3(1, T, 4, 100).map((m) => m.map((row) => row.map(Math.round)));
    return expectAttention(integers(3), integers(4), random.tensor3(1, 4, 2), paddingMask([4, 2, 3], 4));
  });
  graded('a single key (Tk = 1): every weight is 1 and out is that key’s value', 1, async () => {
    const [q, k, v] = [random.tensor3(2, 3, 4), random.tensor3(2, 1, 4), random.tensor3(2, 1, 3)];
    const { out, weights } = await student.scaledDotProductAttention(q, k, v);
    expectClose('weights', weights, [[[1], [1], [1]], [[1], [1], [1]]]);
    expectClose('out', out, v.map((vb) => [vb[0]!, vb[0]!, vb[0]!]));
  });
  graded('zero queries: uniform weights over the allowed keys, out = the mean of their values', 1, async () => {
    const [k, v] = [random.tensor3(1, 4, 3), random.tensor3(1, 4, 2)];
    const q = [[[0, 0, 0], [0, 0, 0]]];
    const { out, weights } = await student.scaledDotProductAttention(q, k, v, paddingMask([4, 2], 4));
    expectClose('weights', weights, [[[0.25, 0.25, 0.25, 0.25], [0.5, 0.5, 0, 0]]]);
    const mean = (rows: Matrix) => rows[0]!.map((_, j) => rows.reduce((s, row) => s + row[j]!, 0) / rows.length);
    expectClose('out', out, [[mean(v[0]!), mean(v[0]!.slice(0, 2))]]);
  });
  graded('a mask row that allows no key, or a mask that is not [Tq][Tk], is a RangeError', 1, async () => {
    const [q, k, v] = [random.tensor3(1, 3, 2), random.tensor3(1, 3, 2), random.tensor3(1, 3, 2)];
    await expectRangeError('scaledDotProductAttention with mask row 1 all zeros', student.scaledDotProductAttention(q, k, v, [[1, 0, 0], [0, 0, 0], [1, 1, 1]]));
    await expectRangeError('scaledDotProductAttention with a [2][3] mask for Tq = 3', student.scaledDotProductAttention(q, k, v, [[1, 0, 0], [1, 1, 0]]));
  });
});

describe('causalMask (hidden)', () => {
  graded('T = 1 and T = 7', 1, async () => {
    expectClose('causalMask(1)', await student.causalMask(1), ref.causalMask(1));
    expectClose('causalMask(7)', await student.causalMask(7), ref.causalMask(7), undefined, { alternatives: [{ value: transpose(ref.causalMask(7)), diagnosis: CAUSAL_MASK_TRANSPOSED }] });
  });
});

describe('splitHeads and mergeHeads (hidden)', () => {
  graded('splitHeads of a random batch into 1, 2, 3 and 6 heads (E = 6): contiguous blocks of features', 1, async () => {
    const x = random.tensor3(2, 3, 6);
    for (const h of [1, 2, 3, 6]) {
      const interleaved = { value: () => ref.splitHeads(reorderFeatures(x, interleavedFeatureOrder(6, h)), h), diagnosis: HEADS_INTERLEAVED };
      expectClose(`splitHeads(x, ${h})`, await student.splitHeads(x, h), ref.splitHeads(x, h), undefined, { alternatives: [interleaved], axisNames: ['B', 'h', 'T', 'd'] });
    }
  });
  graded('splitHeads with h that does not divide E (E = 6, h = 4), or h = 0, is a RangeError', 1, async () => {
    const x = random.tensor3(1, 2, 6);
    await expectRangeError('splitHeads(x with E = 6, 4)', student.splitHeads(x, 4));
    await expectRangeError('splitHeads(x, 0)', student.splitHeads(x, 0));
  });
  graded('mergeHeads matches the reference and undoes splitHeads (yours and the reference’s)', 1, async () => {
    const heads: Tensor4 = [random.tensor3(4, 3, 2), random.tensor3(4, 3, 2)];
    const interleaved = { value: () => reorderFeatures(ref.mergeHeads(heads), interleavedFeatureOrder(8, 2)), diagnosis: MERGE_INTERLEAVED };
    expectClose('mergeHeads(heads)', await student.mergeHeads(heads), ref.mergeHeads(heads), undefined, { alternatives: [interleaved] });
    const x = random.tensor3(2, 4, 6);
    expectClose('mergeHeads(splitHeads(x, 3)) with the reference’s splitHeads', await student.mergeHeads(ref.splitHeads(x, 3)), x);
    expectClose('mergeHeads(splitHeads(x, 3)) with your own splitHeads', await student.mergeHeads(await student.splitHeads(x, 3)), x);
  });
});

describe('multiHeadSelfAttention (hidden)', () => {
  graded('random batch B=2 T=5 E=6, 2 heads, no mask', 2, () => expectMultiHead(random.tensor3(2, 5, 6), params(6), 2, false));
  graded('causal, 4 heads of 2 features (E = 8)', 1, () => expectMultiHead(random.tensor3(2, 4, 8), params(8), 4, true));
  graded('one head: scaled dot-product attention of the projections, then Wo', 1, async () => {
    const [x, W] = [random.tensor3(2, 4, 4), params(4)];
    const { q, k, v } = ref.projectQKV(x, W.Wq, W.Wk, W.Wv);
    const single = ref.scaledDotProductAttention(q, k, v);
    const got = await student.multiHeadSelfAttention(x, W, 1, { causal: false });
    expectOutputs('multiHeadSelfAttention(…, 1 head)', got, { out: times(single.out, W.Wo), weights: single.weights.map((wb) => [wb]) }, undefined, multiHeadContext(x, W, 1, false));
  });
  graded('the weights of head i are single-head attention on the i-th slice of the projections', 1, async () => {
    const [x, W, h, d] = [random.tensor3(1, 5, 6), params(6), 3, 2];
    const { q, k, v } = ref.projectQKV(x, W.Wq, W.Wk, W.Wv);
    const { weights } = await student.multiHeadSelfAttention(x, W, h, { causal: true });
    for (let i = 0; i < h; i++) {
      const [qi, ki, vi] = [q, k, v].map((t) => columns(t, i * d, (i + 1) * d)) as [Tensor3, Tensor3, Tensor3];
      const expected = ref.scaledDotProductAttention(qi, ki, vi, ref.causalMask(5)).weights;
      expectClose(`weights[:, ${i}] (head ${i})`, weights.map((wb) => wb[i]), expected, undefined, { mask: ref.causalMask(5) });
    }
  });
  graded('causal: the output at position t does not change when the tokens after t change', 1, async () => {
    const [x, W, t] = [random.tensor3(2, 5, 4), params(4), 2];
    const changed = x.map((seq) => seq.map((row, s) => (s > t ? row.map(() => random.uniform(-3, 3)) : row)));
    const before = await student.multiHeadSelfAttention(x, W, 2, { causal: true });
    const after = await student.multiHeadSelfAttention(changed, W, 2, { causal: true });
    expectClose(`out[:, 0..${t}] after changing the tokens after ${t}`, after.out.map((seq) => seq.slice(0, t + 1)), before.out.map((seq) => seq.slice(0, t + 1)), { atol: 1e-12, rtol: 1e-9 });
    expectOutputs('multiHeadSelfAttention(…, causal)', after, ref.multiHeadSelfAttention(changed, W, 2, { causal: true }), undefined, multiHeadContext(changed, W, 2, true));
  });
  graded('no mask: permuting the tokens permutes the outputs', 1, async () => {
    const [x, W, order] = [random.tensor3(2, 5, 4), params(4), [4, 2, 0, 3, 1]];
    const { out } = await student.multiHeadSelfAttention(x, W, 2, { causal: false });
    const permuted = await student.multiHeadSelfAttention(x.map((seq) => order.map((t) => seq[t]!)), W, 2, { causal: false });
    expectClose('out of the permuted tokens', permuted.out, out.map((seq) => order.map((t) => seq[t]!)), { atol: 1e-9, rtol: 1e-9 });
    expectClose('out', out, ref.multiHeadSelfAttention(x, W, 2).out);
  });
  graded('numHeads that does not divide E (E = 6, 4 heads) is a RangeError', 1, () =>
    expectRangeError('multiHeadSelfAttention(x with E = 6, …, 4 heads)', student.multiHeadSelfAttention(random.tensor3(1, 2, 6), params(6), 4, { causal: false })),
  );
});
