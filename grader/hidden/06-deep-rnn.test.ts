import { describe } from 'vitest';
import type * as Exercise from '../../exercises/06-deep-rnn/deep-rnn.ts';
import type { MergeMode } from '../../exercises/06-deep-rnn/deep-rnn.ts';
import type { Matrix, RnnLayerParams, Tensor3 } from '../runtime/shared/types.ts';
import * as ref from '../../reference/06-deep-rnn.ts';
import { rnnForward } from '../../reference/01-rnn-forward.ts';
import { expectOutputs } from '../runtime/check.ts';
import { expectClose } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { sequenceContext } from '../runtime/mistakes/shared.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('06-deep-rnn');
const random = hiddenRandom('06-deep-rnn');

/** Random weights of one tanh RNN layer reading `inputs` features into `units` units. */
function params(inputs: number, units: number, scale = 0.6): RnnLayerParams {
  return { Wx: random.matrix(inputs, units, scale), Wh: random.matrix(units, units, scale), b: random.vector(units, 0.3) };
}

const reverseTime = (s: Tensor3): Tensor3 => s.map((seq) => [...seq].reverse());
const lastStep = (s: Tensor3): Matrix => s.map((seq) => seq[seq.length - 1]!);

/** Known wrong answers of the bidirectional layer, computed by the reference only when a comparison failed. */
function bidirectionalContext(x: Tensor3, fwd: RnnLayerParams, bwd: RnnLayerParams, merge: MergeMode): DiagnosisContext {
  const zeros = (H: number): Matrix => x.map(() => new Array<number>(H).fill(0));
  const forward = () => rnnForward(x, zeros(fwd.Wh.length), fwd.Wx, fwd.Wh, fwd.b).h;
  const backwardUnreversed = () => rnnForward(reverseTime(x), zeros(bwd.Wh.length), bwd.Wx, bwd.Wh, bwd.b).h;
  const combine = (f: Tensor3, b: Tensor3, op: (u: number[], v: number[]) => number[]) => f.map((seq, n) => seq.map((ft, t) => op(ft, b[n]![t]!)));
  const ops: Record<MergeMode, (u: number[], v: number[]) => number[]> = {
    concat: (u, v) => [...u, ...v],
    sum: (u, v) => u.map((a, j) => a + v[j]!),
    mul: (u, v) => u.map((a, j) => a * v[j]!),
    ave: (u, v) => u.map((a, j) => (a + v[j]!) / 2),
  };
  const alternatives = [
    {
      value: () => combine(forward(), backwardUnreversed(), ops[merge]),
      diagnosis:
        'Looks like the backward outputs are not reversed back: the backward RNN runs on x reversed in time, so its output at ' +
        'position t belongs to step T−1−t. Reverse its outputs along the time axis before merging.',
    },
  ];
  if (merge === 'concat') {
    alternatives.push({
      value: () => combine(forward(), reverseTime(backwardUnreversed()), (u, v) => [...v, ...u]),
      diagnosis: "Looks like the two directions are concatenated in the wrong order: 'concat' puts the forward units first, then the backward ones.",
    });
  }
  if (merge === 'ave') {
    alternatives.push({
      value: () => combine(forward(), reverseTime(backwardUnreversed()), ops.sum),
      diagnosis: "Looks like 'ave' computes the sum: it is the mean of the two directions, (forward + backward) / 2.",
    });
  }
  return { ...sequenceContext, alternatives };
}

async function expectBidirectionalMatches(x: Tensor3, fwd: RnnLayerParams, bwd: RnnLayerParams, merge: MergeMode): Promise<void> {
  expectOutputs(
    'bidirectionalRnnForward',
    await student.bidirectionalRnnForward(x, fwd, bwd, merge),
    ref.bidirectionalRnnForward(x, fwd, bwd, merge),
    undefined,
    bidirectionalContext(x, fwd, bwd, merge),
  );
}

/** Compares h and every layer's final state (layers may differ in size, so hLast is checked layer by layer). */
async function expectStackedMatches(x: Tensor3, layers: RnnLayerParams[], h0s: Matrix[]): Promise<void> {
  const { h, hLast } = await student.stackedRnnForward(x, layers, h0s);
  const expected = ref.stackedRnnForward(x, layers, h0s);
  const feedsX: DiagnosisContext = {
    ...sequenceContext,
    alternatives: [
      {
        value: () => ref.stackedRnnForward(x, layers.slice(-1), h0s.slice(-1)).h,
        diagnosis: 'Looks like the top layer reads x instead of the hidden sequence of the layer below: layer l’s input is layer l−1’s h.',
      },
    ],
  };
  expectClose('stackedRnnForward(…).h', h, expected.h, undefined, layers.at(-1)!.Wx.length === x[0]![0]!.length ? feedsX : sequenceContext);
  expectClose('stackedRnnForward(…).hLast.length', hLast?.length, expected.hLast.length);
  expected.hLast.forEach((want, l) => expectClose(`stackedRnnForward(…).hLast[${l}]`, hLast[l], want));
}

describe('stackedRnnForward (hidden)', () => {
  graded('one layer is rnnForward of exercise 01, hLast its final state', 1, async () => {
    const [x, layer, h0] = [random.tensor3(3, 5, 4), params(4, 3), random.matrix(3, 3)];
    const { h, hLast } = await student.stackedRnnForward(x, [layer], [h0]);
    const expected = rnnForward(x, h0, layer.Wx, layer.Wh, layer.b).h;
    expectClose('stackedRnnForward(…).h', h, expected, undefined, sequenceContext);
    expectClose('stackedRnnForward(…).hLast', hLast, [lastStep(expected)]);
  });
  graded('three layers of different sizes (D=4 → 5 → 3 → 2) with their own initial states', 2, () =>
    expectStackedMatches(random.tensor3(2, 6, 4), [params(4, 5), params(5, 3), params(3, 2)], [random.matrix(2, 5), random.matrix(2, 3), random.matrix(2, 2)]),
  );
  graded('two layers of the input’s size: the top layer must read the layer below, not x', 1, () =>
    expectStackedMatches(random.tensor3(3, 4, 3), [params(3, 3), params(3, 3)], [random.matrix(3, 3), random.matrix(3, 3)]),
  );
  graded('a single step (T=1) and a single sequence (N=1)', 1, () =>
    expectStackedMatches(random.tensor3(1, 1, 3), [params(3, 4), params(4, 2)], [random.matrix(1, 4), random.matrix(1, 2)]),
  );
});

describe('bidirectionalRnnForward (hidden)', () => {
  for (const merge of ref.MERGE_MODES) {
    graded(`random sequences, N=3 T=5 D=4 H=3, merge '${merge}'`, 1, () => expectBidirectionalMatches(random.tensor3(3, 5, 4), params(4, 3), params(4, 3), merge));
  }
  graded("a single step (T=1): both directions see the same x_0 (merge 'concat')", 1, () =>
    expectBidirectionalMatches(random.tensor3(2, 1, 3), params(3, 4), params(3, 4), 'concat'),
  );
  graded("a long single sequence (N=1, T=9) with saturating weights (merge 'sum')", 1, () =>
    expectBidirectionalMatches(random.tensor3(1, 9, 2), params(2, 3, 2), params(2, 3, 2), 'sum'),
  );
  graded("an unknown merge mode ('max') throws a RangeError", 1, () =>
    expectRangeError("bidirectionalRnnForward(…, 'max')", student.bidirectionalRnnForward(random.tensor3(1, 2, 2), params(2, 2), params(2, 2), 'max' as MergeMode)),
  );
});
