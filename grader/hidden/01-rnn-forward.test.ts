import { describe } from 'vitest';
import type * as Exercise from '../../exercises/01-rnn-forward/rnn-forward.ts';
import * as ref from '../../reference/01-rnn-forward.ts';
import { expectOutputs } from '../runtime/check.ts';
import { expectClose } from '../runtime/compare.ts';
import { graded } from '../runtime/graded.ts';
import { contextForKey, type DiagnosisContext } from '../runtime/diagnose.ts';
import { RNN_BIAS_MISSING, RNN_H0_IGNORED, RNN_WH_TRANSPOSED } from '../runtime/mistakes/01-rnn-forward.ts';
import { sequenceContext } from '../runtime/mistakes/shared.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';
import { transpose, zerosLike } from '../runtime/shared/linalg.ts';

const student = loadSubmission<typeof Exercise>('01-rnn-forward');
const random = hiddenRandom('01-rnn-forward');

/** Random step inputs; `scale` large saturates tanh. */
function stepArgs(N: number, D: number, H: number, scale = 0.5) {
  return [random.matrix(N, D), random.matrix(N, H), random.matrix(D, H, scale), random.matrix(H, H, scale), random.vector(H, scale)] as const;
}

type StepArgs = Parameters<typeof ref.rnnStepForward>;
type SequenceArgs = Parameters<typeof ref.rnnForward>;

/** The known wrong answer of a step without its bias (computed by the reference only on failure). */
const stepContext = ([x, hPrev, Wx, Wh, b]: Readonly<StepArgs>): DiagnosisContext => ({
  activation: 'tanh',
  alternatives: [
    { value: () => ref.rnnStepForward(x, hPrev, Wx, Wh, b.map(() => 0)), diagnosis: RNN_BIAS_MISSING },
    { value: () => ref.rnnStepForward(x, hPrev, Wx, transpose(Wh), b), diagnosis: RNN_WH_TRANSPOSED },
  ],
});
/** A sequence's: states shifted by a step or laid out time-major, h0 ignored, no bias. */
const forwardContext = ([x, h0, Wx, Wh, b]: Readonly<SequenceArgs>): DiagnosisContext => ({
  ...sequenceContext,
  activation: 'tanh',
  alternatives: [
    { value: () => ref.rnnForward(x, h0, Wx, transpose(Wh), b), diagnosis: RNN_WH_TRANSPOSED },
    { value: () => ref.rnnForward(x, zerosLike(h0), Wx, Wh, b), diagnosis: RNN_H0_IGNORED },
    { value: () => ref.rnnForward(x, h0, Wx, Wh, b.map(() => 0)), diagnosis: RNN_BIAS_MISSING },
  ],
});

describe('rnnStepForward (hidden)', () => {
  graded('random batch, N=4 D=7 H=5', 1, async () => {
    const args = stepArgs(4, 7, 5);
    expectOutputs('rnnStepForward', await student.rnnStepForward(...args), ref.rnnStepForward(...args), undefined, stepContext(args));
  });
  graded('a single example (N=1) with saturated tanh', 1, async () => {
    const args = stepArgs(1, 3, 4, 20);
    expectOutputs('rnnStepForward', await student.rnnStepForward(...args), ref.rnnStepForward(...args), undefined, stepContext(args));
  });
  graded('each term alone: x·Wx, hPrev·Wh and b', 2, async () => {
    // Zero every input but one (as Coursera's tests do) so a missing or misplaced term is caught by name.
    const [x, hPrev, Wx, Wh, b] = stepArgs(2, 3, 4);
    const zx = x.map((r) => r.map(() => 0));
    const zh = hPrev.map((r) => r.map(() => 0));
    const zb = b.map(() => 0);
    const cases: [string, Parameters<typeof ref.rnnStepForward>][] = [
      ['x·Wx', [x, zh, Wx, Wh, zb]],
      ['hPrev·Wh', [zx, hPrev, Wx, Wh, zb]],
      ['b', [zx, zh, Wx, Wh, b]],
    ];
    for (const [term, args] of cases) {
      const { h } = await student.rnnStepForward(...args);
      expectClose(`h with only ${term} non-zero`, h, ref.rnnStepForward(...args).h, undefined, { activation: 'tanh' });
    }
  });
});

describe('rnnForward (hidden)', () => {
  graded('random sequences, N=3 T=6 D=4 H=5', 2, async () => {
    const args = [random.tensor3(3, 6, 4), random.matrix(3, 5), random.matrix(4, 5, 0.6), random.matrix(5, 5, 0.6), random.vector(5, 0.2)] as const;
    expectOutputs('rnnForward', { h: (await student.rnnForward(...args)).h }, ref.rnnForward(...args), undefined, forwardContext(args));
  });
  graded('a single step (T=1) equals rnnStepForward', 1, async () => {
    const args = [random.tensor3(2, 1, 3), random.matrix(2, 4), random.matrix(3, 4), random.matrix(4, 4), random.vector(4)] as const;
    expectOutputs('rnnForward', { h: (await student.rnnForward(...args)).h }, ref.rnnForward(...args), undefined, forwardContext(args));
  });
  graded('uses h0 (non-zero initial state) and keeps the cache', 2, async () => {
    const x = random.tensor3(2, 3, 2);
    const args = [x, random.matrix(2, 3, 2), random.matrix(2, 3), random.matrix(3, 3), random.vector(3)] as const;
    const { h, cache } = await student.rnnForward(...args);
    const expected = ref.rnnForward(...args).h;
    const context = contextForKey(forwardContext(args), 'h');
    expectClose('h', h, expected, undefined, context);
    expectClose('cache.h', cache?.h, expected, undefined, context);
    expectClose('cache.x', cache?.x, x);
    expectClose('cache.h0', cache?.h0, args[1]);
  });
});

describe('outputLogits (hidden)', () => {
  graded('random batch, N=2 T=5 H=4 V=9', 1, async () => {
    const args = [random.tensor3(2, 5, 4), random.matrix(4, 9), random.vector(9)] as const;
    expectOutputs('outputLogits', await student.outputLogits(...args), ref.outputLogits(...args), undefined, { bias: args[2] });
  });
});
