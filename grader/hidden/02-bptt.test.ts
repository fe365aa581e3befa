import { describe, expect } from 'vitest';
import type * as Exercise from '../../exercises/02-bptt/bptt.ts';
import type { GradientRecord, NestedNumbers, SoftmaxLossResult, Tensor3 } from '../runtime/shared/types.ts';
import * as ref from '../../reference/02-bptt.ts';
import { expectOutputs } from '../runtime/check.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { graded } from '../runtime/graded.ts';
import {
  BPTT_NO_CARRY,
  clipGlobalNormMistakes,
  LOSS_MASK_IGNORED,
  lossAveragedOverTime,
  TRUNCATED_NOTHING,
  truncatedWindow,
} from '../runtime/mistakes/02-bptt.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('02-bptt');
const random = hiddenRandom('02-bptt');

/** Random forward inputs of one step; a large `scale` saturates tanh. */
function stepInputs(N: number, D: number, H: number, scale = 0.5): ref.StepInputs {
  return { x: random.matrix(N, D), hPrev: random.matrix(N, H), Wx: random.matrix(D, H, scale), Wh: random.matrix(H, H, scale), b: random.vector(H, 0.1) };
}

/** Random forward inputs of N sequences of T steps. */
function sequenceInputs(N: number, T: number, D: number, H: number): ref.SequenceInputs {
  return { x: random.tensor3(N, T, D), h0: random.matrix(N, H), Wx: random.matrix(D, H, 0.6), Wh: random.matrix(H, H, 0.6), b: random.vector(H, 0.2) };
}

const upstreamFor = ({ x, h0 }: ref.SequenceInputs): Tensor3 => random.tensor3(x.length, x[0]!.length, h0[0]!.length);

/** dh with every step but t zeroed: whatever reaches earlier steps was carried back through the recurrence. */
const onlyAt = (dh: Tensor3, t: number): Tensor3 => dh.map((seq) => seq.map((row, s) => (s === t ? row : row.map(() => 0))));

async function expectStepBackward(dh: number[][], inputs: ref.StepInputs): Promise<void> {
  const actual = await student.rnnStepBackward(dh, ref.stepCacheOf(inputs));
  expectOutputs('rnnStepBackward', actual, ref.rnnStepBackward(dh, inputs), GRADIENT_TOLERANCE);
}

/** Known wrong answers of BPTT, computed by the reference only when a comparison fails. */
const bpttContext = (dh: Tensor3, inputs: ref.SequenceInputs): DiagnosisContext => ({
  alternatives: [{ value: () => ref.rnnBackwardTruncated(dh, inputs, 1), diagnosis: BPTT_NO_CARRY }],
});

async function expectBptt(dh: Tensor3, inputs: ref.SequenceInputs): Promise<void> {
  const actual = await student.rnnBackward(dh, ref.sequenceCacheOf(inputs));
  expectOutputs('rnnBackward', actual, ref.rnnBackward(dh, inputs), GRADIENT_TOLERANCE, bpttContext(dh, inputs));
}

/** Windows one step too long or too short, and no truncation at all. */
const truncatedContext = (dh: Tensor3, inputs: ref.SequenceInputs, k: number): DiagnosisContext => ({
  alternatives: [
    { value: () => ref.rnnBackwardTruncated(dh, inputs, k + 1), diagnosis: truncatedWindow(k, k + 1) },
    ...(k > 1 ? [{ value: () => ref.rnnBackwardTruncated(dh, inputs, k - 1), diagnosis: truncatedWindow(k, k - 1) }] : []),
    { value: () => ref.rnnBackward(dh, inputs), diagnosis: TRUNCATED_NOTHING },
  ],
});

async function expectTruncated(dh: Tensor3, inputs: ref.SequenceInputs, k: number, expected = ref.rnnBackwardTruncated(dh, inputs, k)): Promise<void> {
  const actual = await student.rnnBackwardTruncated(dh, ref.sequenceCacheOf(inputs), k);
  expectOutputs(`rnnBackwardTruncated with k = ${k}`, actual, expected, GRADIENT_TOLERANCE, truncatedContext(dh, inputs, k));
}

describe('rnnStepBackward (hidden)', () => {
  graded('random batch, N=4 D=6 H=5', 2, async () => {
    const inputs = stepInputs(4, 6, 5);
    await expectStepBackward(random.matrix(4, 5), inputs);
  });
  graded('a single example (N=1) with partly saturated tanh', 1, async () => {
    const inputs = stepInputs(1, 3, 6, 4);
    await expectStepBackward(random.matrix(1, 6), inputs);
  });
  graded('zero upstream gradient gives zero gradients of the right shapes', 1, async () => {
    const inputs = stepInputs(2, 3, 4);
    await expectStepBackward([[0, 0, 0, 0], [0, 0, 0, 0]], inputs);
  });
});

describe('rnnBackward (hidden)', () => {
  graded('random sequences, N=3 T=6 D=4 H=5', 3, async () => {
    const inputs = sequenceInputs(3, 6, 4, 5);
    await expectBptt(upstreamFor(inputs), inputs);
  });
  graded('a single step (T=1)', 1, async () => {
    const inputs = sequenceInputs(2, 1, 3, 4);
    await expectBptt(upstreamFor(inputs), inputs);
  });
  graded('a single sequence (N=1)', 1, async () => {
    const inputs = sequenceInputs(1, 5, 2, 3);
    await expectBptt(upstreamFor(inputs), inputs);
  });
  graded('upstream gradient only at the last step: earlier steps get only the carried gradient', 2, async () => {
    const inputs = sequenceInputs(2, 5, 3, 4);
    await expectBptt(onlyAt(upstreamFor(inputs), 4), inputs);
  });
  graded('upstream gradient only at the first step: it reaches h0 and no later x', 1, async () => {
    const inputs = sequenceInputs(2, 4, 3, 4);
    await expectBptt(onlyAt(upstreamFor(inputs), 0), inputs);
  });
});

/** Random class ids [N][T] in [0, V). */
const randomIds = (N: number, T: number, V: number): number[][] => Array.from({ length: N }, () => Array.from({ length: T }, () => random.int(V)));

/** The loss's classic mistakes: a mean over N·T, and the mask ignored. */
const lossContext = (logits: Tensor3, y: number[][], mask: number[][], expected: SoftmaxLossResult): DiagnosisContext => ({
  alternatives: [
    lossAveragedOverTime(expected, logits[0]!.length),
    { value: () => ref.temporalSoftmaxLoss(logits, y, mask.map((row) => row.map(() => 1))), diagnosis: LOSS_MASK_IGNORED },
  ],
});

async function expectLoss(logits: Tensor3, y: number[][], mask: number[][], expected = ref.temporalSoftmaxLoss(logits, y, mask)): Promise<void> {
  const context = lossContext(logits, y, mask, expected);
  expectOutputs('temporalSoftmaxLoss', await student.temporalSoftmaxLoss(logits, y, mask), expected, GRADIENT_TOLERANCE, context);
}

describe('temporalSoftmaxLoss (hidden)', () => {
  graded('random logits, N=4 T=5 V=7, random mask', 2, async () => {
    const mask = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => (random.uniform() < 0.7 ? 1 : 0)));
    await expectLoss(random.tensor3(4, 5, 7, 3), randomIds(4, 5, 7), mask);
  });
  graded('sequences whose mask is all zeros add nothing (the mean is still over N)', 1, async () => {
    const mask = [[1, 1, 1], [0, 0, 0], [0, 0, 0]];
    await expectLoss(random.tensor3(3, 3, 4, 2), randomIds(3, 3, 4), mask);
  });
  graded('numerically stable: adding 1000 to every logit changes nothing', 1, async () => {
    const [logits, y, mask] = [random.tensor3(2, 3, 5, 2), randomIds(2, 3, 5), [[1, 1, 1], [1, 1, 0]]];
    const shifted = logits.map((seq) => seq.map((row) => row.map((v) => v + 1000)));
    await expectLoss(shifted, y, mask, ref.temporalSoftmaxLoss(logits, y, mask));
  });
  graded('one step of one sequence (N=1, T=1)', 1, async () => {
    await expectLoss(random.tensor3(1, 1, 6, 2), randomIds(1, 1, 6), [[1]]);
  });
});

/** Gradients of several ranks, entries uniform in [−scale, scale). */
function randomGrads(scale: number): GradientRecord {
  return { dWx: random.matrix(3, 4, scale), db: random.vector(4, scale), dx: random.tensor3(2, 2, 3, scale), loss: random.uniform(-scale, scale) };
}

const entries = (g: NestedNumbers): number[] => (Array.isArray(g) ? g.flatMap(entries) : [g]);
const globalNorm = (grads: GradientRecord): number => Math.hypot(...Object.values(grads).flatMap(entries));

describe('clipElementwise (hidden)', () => {
  graded('gradients of every rank (a number, a vector, a matrix, a 3-D array)', 1, async () => {
    const grads = randomGrads(2);
    expectOutputs('clipElementwise', await student.clipElementwise(grads, 0.7), ref.clipElementwise(grads, 0.7));
  });
  graded('a limit that is ≤ 0, NaN or ∞ throws a RangeError; a valid one works', 1, async () => {
    const grads = randomGrads(2);
    for (const limit of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expectRangeError(`clipElementwise(grads, ${limit})`, student.clipElementwise(grads, limit));
    }
    expectOutputs('clipElementwise', await student.clipElementwise(grads, 1.5), ref.clipElementwise(grads, 1.5));
  });
});

describe('clipGlobalNorm (hidden)', () => {
  graded('norm above maxNorm: scaled to exactly maxNorm, direction kept', 2, async () => {
    const grads = randomGrads(3);
    const clipped = await student.clipGlobalNorm(grads, 2);
    expectOutputs('clipGlobalNorm', clipped, ref.clipGlobalNorm(grads, 2), undefined, { alternatives: clipGlobalNormMistakes(grads, 2) });
    expectClose('the global norm of the clipped gradients', globalNorm(clipped), 2);
  });
  graded('norm below maxNorm: returns equal values', 1, async () => {
    const grads = randomGrads(0.1);
    expectOutputs('clipGlobalNorm', await student.clipGlobalNorm(grads, 100), grads);
  });
  graded('the norm is global: one large gradient scales the small ones too', 1, async () => {
    const grads = { dWh: random.matrix(4, 4, 10), db: random.vector(4, 0.01) };
    expectOutputs('clipGlobalNorm', await student.clipGlobalNorm(grads, 1), ref.clipGlobalNorm(grads, 1), undefined, { alternatives: clipGlobalNormMistakes(grads, 1) });
  });
  graded('a maxNorm that is ≤ 0 or NaN throws a RangeError; a valid one works', 1, async () => {
    const grads = randomGrads(3);
    for (const maxNorm of [0, -2, Number.NaN]) {
      await expectRangeError(`clipGlobalNorm(grads, ${maxNorm})`, student.clipGlobalNorm(grads, maxNorm));
    }
    expectOutputs('clipGlobalNorm', await student.clipGlobalNorm(grads, 1), ref.clipGlobalNorm(grads, 1), undefined, { alternatives: clipGlobalNormMistakes(grads, 1) });
  });
});

describe('rnnBackwardTruncated (hidden)', () => {
  graded('random sequences, k = 3 on T = 7', 2, async () => {
    const inputs = sequenceInputs(3, 7, 3, 4);
    await expectTruncated(upstreamFor(inputs), inputs, 3);
  });
  graded('k = 1: each step keeps only its own local gradient', 1, async () => {
    const inputs = sequenceInputs(2, 4, 3, 4);
    await expectTruncated(upstreamFor(inputs), inputs, 1);
  });
  graded('k = T and k > T are exactly full BPTT', 1, async () => {
    const inputs = sequenceInputs(2, 4, 3, 4);
    const dh = upstreamFor(inputs);
    const full = ref.rnnBackward(dh, inputs);
    await expectTruncated(dh, inputs, 4, full);
    await expectTruncated(dh, inputs, 9, full);
  });
  graded('the gradient injected at the last step stops after k steps (and never reaches h0)', 1, async () => {
    const inputs = sequenceInputs(2, 6, 3, 4);
    await expectTruncated(onlyAt(upstreamFor(inputs), 5), inputs, 2);
  });
  graded('k that is not an integer ≥ 1 throws a RangeError; a valid k works', 1, async () => {
    const inputs = sequenceInputs(1, 3, 2, 3);
    const dh = upstreamFor(inputs);
    const cache = ref.sequenceCacheOf(inputs);
    for (const k of [0, -1, 1.5, Number.NaN]) {
      await expectRangeError(`rnnBackwardTruncated(dh, cache, ${k})`, student.rnnBackwardTruncated(dh, cache, k));
    }
    await expectTruncated(dh, inputs, 2);
  });
});
