import { describe } from 'vitest';
import type * as Exercise from '../../exercises/13-transformer-block/transformer-block.ts';
import type { TransformerBlockOptions, TransformerBlockParams } from '../../exercises/13-transformer-block/transformer-block.ts';
import * as ref from '../../reference/13-transformer-block.ts';
import { expectClose } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { CAUSAL_IGNORED, MASK_WHERE_NOT_ASKED } from '../runtime/mistakes/10-self-attention.ts';
import {
  ADDNORM_NORM_BEFORE_ADD,
  ADDNORM_NORM_SUBLAYER,
  FFN_NO_RELU,
  ffnWeightsWithoutRelu,
  PRE_POST_SWAPPED,
} from '../runtime/mistakes/13-transformer-block.ts';
import { loadSubmission } from '../runtime/seam.ts';
import type { Matrix, Tensor3, Vector } from '../runtime/shared/types.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('13-transformer-block');
const random = hiddenRandom('13-transformer-block');

type FfnArgs = [x: Tensor3, W1: Matrix, b1: Vector, W2: Matrix, b2: Vector];
type AddNormArgs = [x: Tensor3, sublayerOut: Tensor3, gamma: Vector, beta: Vector];

const ffnArgs = (B: number, T: number, E: number, F: number): FfnArgs => [random.tensor3(B, T, E), random.matrix(E, F), random.vector(F), random.matrix(F, E), random.vector(E)];
const addNormArgs = (B: number, T: number, E: number): AddNormArgs => [random.tensor3(B, T, E, 2), random.tensor3(B, T, E, 2), random.vector(E, 1.5), random.vector(E)];
const blockParams = (E: number, F: number): TransformerBlockParams => ({
  attention: { Wq: random.matrix(E, E), Wk: random.matrix(E, E), Wv: random.matrix(E, E), Wo: random.matrix(E, E) },
  norm1: { gamma: random.vector(E, 1.5), beta: random.vector(E) },
  ffn: { W1: random.matrix(E, F), b1: random.vector(F), W2: random.matrix(F, E), b2: random.vector(E) },
  norm2: { gamma: random.vector(E, 1.5), beta: random.vector(E) },
});
const sum3 = (a: Tensor3, b: Tensor3): Tensor3 => a.map((seq, n) => seq.map((row, t) => row.map((v, e) => v + b[n]![t]![e]!)));
const mean = (v: Vector): number => v.reduce((s, a) => s + a, 0) / v.length;
const variance = (v: Vector): number => mean(v.map((a) => (a - mean(v)) ** 2));

/** FFN without its ReLU (by the reference, lazily), and b2 for a missing or doubled output bias. */
function ffnContext([x, W1, b1, W2, b2]: FfnArgs): DiagnosisContext {
  const linear = () => {
    const w = ffnWeightsWithoutRelu(W1, b1, W2);
    return ref.positionwiseFFN(x, w.W1, w.b1, w.W2, b2);
  };
  return { alternatives: [{ value: linear, diagnosis: FFN_NO_RELU }], bias: b2 };
}

async function expectFFN(args: FfnArgs): Promise<void> {
  expectClose('positionwiseFFN(…)', await student.positionwiseFFN(...args), ref.positionwiseFFN(...args), undefined, ffnContext(args));
}

/** addNorm's wrong orders (by the reference, lazily), and β for an unbiased variance. */
function addNormContext([x, s, gamma, beta]: AddNormArgs): DiagnosisContext {
  return {
    alternatives: [
      { value: () => sum3(ref.layerNorm(x, { gamma, beta }), s), diagnosis: ADDNORM_NORM_BEFORE_ADD },
      { value: () => sum3(x, ref.layerNorm(s, { gamma, beta })), diagnosis: ADDNORM_NORM_SUBLAYER },
    ],
    layerNorm: { beta },
  };
}

async function expectAddNorm(args: AddNormArgs): Promise<void> {
  expectClose('addNorm(…)', await student.addNorm(...args), ref.addNorm(...args), undefined, addNormContext(args));
}

/** The block with pre-norm and post-norm swapped, or the causal option flipped (by the reference, lazily). */
function blockContext(x: Tensor3, params: TransformerBlockParams, options: TransformerBlockOptions): DiagnosisContext {
  const { preNorm = false, causal = false } = options;
  return {
    alternatives: [
      { value: () => ref.transformerEncoderBlock(x, params, { ...options, preNorm: !preNorm }), diagnosis: PRE_POST_SWAPPED(preNorm) },
      { value: () => ref.transformerEncoderBlock(x, params, { ...options, causal: !causal }), diagnosis: causal ? CAUSAL_IGNORED : MASK_WHERE_NOT_ASKED },
    ],
  };
}

async function expectBlock(x: Tensor3, params: TransformerBlockParams, options: TransformerBlockOptions): Promise<void> {
  const what = `transformerEncoderBlock(…, ${JSON.stringify(options)})`;
  expectClose(what, await student.transformerEncoderBlock(x, params, options), ref.transformerEncoderBlock(x, params, options), undefined, blockContext(x, params, options));
}

describe('positionwiseFFN (hidden)', () => {
  graded('random batch B=3 T=4, E = 5, F = 7', 2, () => expectFFN(ffnArgs(3, 4, 5, 7)));
  graded('positions never mix: each position alone (T = 1) gives the same row', 1, async () => {
    const args = ffnArgs(2, 3, 4, 6);
    const [x, ...weights] = args;
    await expectFFN(args);
    const whole = await student.positionwiseFFN(...args);
    for (let t = 0; t < 3; t++) {
      const alone = await student.positionwiseFFN(x.map((seq) => [seq[t]!]), ...weights);
      expectClose(`positionwiseFFN(position ${t} alone)`, alone, whole.map((seq) => [seq[t]!]), { atol: 1e-12, rtol: 1e-12 });
    }
  });
  graded('every hidden unit below zero (b1 = −100): the ReLU gives 0, so the output is b2', 1, async () => {
    const [x, W1, , W2, b2] = ffnArgs(2, 3, 4, 5);
    const out = await student.positionwiseFFN(x, W1, new Array<number>(5).fill(-100), W2, b2);
    expectClose('positionwiseFFN(…, b1 = −100, …)', out, x.map((seq) => seq.map(() => b2)), undefined, { bias: b2 });
  });
});

describe('addNorm (hidden)', () => {
  graded('random batch B=2 T=4, E = 6', 2, () => expectAddNorm(addNormArgs(2, 4, 6)));
  graded('a zero sublayer gives layer norm of x; a constant x + sublayerOut gives β', 1, async () => {
    const [x, , gamma, beta] = addNormArgs(2, 3, 5);
    const zeros = x.map((seq) => seq.map((row) => row.map(() => 0)));
    await expectAddNorm([x, zeros, gamma, beta]);
    const minusX = x.map((seq) => seq.map((row) => row.map((v) => 3 - v)));
    expectClose('addNorm(x, 3 − x, γ, β)', await student.addNorm(x, minusX, gamma, beta), x.map((seq) => seq.map(() => beta)));
  });
  graded('γ = 1, β = 0: every position has mean 0 and variance ≈ 1', 1, async () => {
    const [x, s] = addNormArgs(2, 3, 7);
    const out = await student.addNorm(x, s, new Array<number>(7).fill(1), new Array<number>(7).fill(0));
    const sums = sum3(x, s);
    expectClose('the mean of each position of out', out.map((seq) => seq.map(mean)), sums.map((seq) => seq.map(() => 0)), { atol: 1e-9 });
    expectClose('the variance of each position of out', out.map((seq) => seq.map(variance)), sums.map((seq) => seq.map((row) => variance(row) / (variance(row) + 1e-5))), { atol: 1e-9 });
  });
});

describe('transformerEncoderBlock (hidden)', () => {
  graded('post-norm, random batch B=2 T=5, E = 6, F = 10, 2 heads', 2, () => expectBlock(random.tensor3(2, 5, 6), blockParams(6, 10), { numHeads: 2, causal: false, preNorm: false }));
  graded('pre-norm, random batch B=2 T=4, E = 4, F = 8, 4 heads', 2, () => expectBlock(random.tensor3(2, 4, 4), blockParams(4, 8), { numHeads: 4, causal: false, preNorm: true }));
  graded('post-norm and causal, 3 heads', 1, () => expectBlock(random.tensor3(1, 4, 6), blockParams(6, 6), { numHeads: 3, causal: true, preNorm: false }));
  graded('a single position (T = 1) and one head, pre-norm and post-norm', 1, async () => {
    const [x, params] = [random.tensor3(3, 1, 4), blockParams(4, 8)];
    await expectBlock(x, params, { numHeads: 1, causal: false, preNorm: false });
    await expectBlock(x, params, { numHeads: 1, causal: true, preNorm: true });
  });
  graded('zero attention and FFN weights: pre-norm gives x + b2, post-norm LN2(LN1(x) + b2)', 1, async () => {
    const [x, params] = [random.tensor3(2, 3, 4), blockParams(4, 6)];
    const zero = (m: Matrix) => m.map((row) => row.map(() => 0));
    const { Wq, Wk, Wv, Wo } = params.attention;
    const silent = { ...params, attention: { Wq: zero(Wq), Wk: zero(Wk), Wv: zero(Wv), Wo: zero(Wo) }, ffn: { ...params.ffn, W1: zero(params.ffn.W1), W2: zero(params.ffn.W2) } };
    const { b2 } = params.ffn;
    const pre = await student.transformerEncoderBlock(x, silent, { numHeads: 2, causal: false, preNorm: true });
    expectClose('pre-norm block with silent sublayers', pre, x.map((seq) => seq.map((row) => row.map((v, e) => v + b2[e]!))), undefined, blockContext(x, silent, { numHeads: 2, preNorm: true }));
    const post = await student.transformerEncoderBlock(x, silent, { numHeads: 2, causal: false, preNorm: false });
    const y = ref.layerNorm(x, params.norm1);
    expectClose('post-norm block with silent sublayers', post, ref.layerNorm(y.map((seq) => seq.map((row) => row.map((v, e) => v + b2[e]!))), params.norm2), undefined, blockContext(x, silent, { numHeads: 2 }));
  });
  graded('causal (pre-norm): the output at position t does not change when the tokens after t change', 1, async () => {
    const [x, params, t] = [random.tensor3(2, 5, 4), blockParams(4, 8), 2];
    const options = { numHeads: 2, causal: true, preNorm: true };
    const changed = x.map((seq) => seq.map((row, s) => (s > t ? row.map(() => random.uniform(-3, 3)) : row)));
    const before = await student.transformerEncoderBlock(x, params, options);
    const after = await student.transformerEncoderBlock(changed, params, options);
    expectClose(`out[:, 0..${t}] after changing the tokens after ${t}`, after.map((seq) => seq.slice(0, t + 1)), before.map((seq) => seq.slice(0, t + 1)), { atol: 1e-12, rtol: 1e-9 });
    await expectBlock(changed, params, options);
  });
  graded('no mask (post-norm): permuting the tokens permutes the outputs', 1, async () => {
    const [x, params, order] = [random.tensor3(2, 4, 4), blockParams(4, 8), [3, 1, 0, 2]];
    const options = { numHeads: 2, causal: false, preNorm: false };
    const out = await student.transformerEncoderBlock(x, params, options);
    const permuted = await student.transformerEncoderBlock(x.map((seq) => order.map((t) => seq[t]!)), params, options);
    expectClose('out of the permuted tokens', permuted, out.map((seq) => order.map((t) => seq[t]!)), { atol: 1e-9, rtol: 1e-9 });
    await expectBlock(x, params, options);
  });
  graded('numHeads that does not divide E (E = 6, 4 heads) is a RangeError', 1, () =>
    expectRangeError('transformerEncoderBlock(x with E = 6, …, 4 heads)', student.transformerEncoderBlock(random.tensor3(1, 2, 6), blockParams(6, 4), { numHeads: 4 })),
  );
});
