import { describe } from 'vitest';
import type * as Exercise from '../../exercises/05-gru/gru.ts';
import type { Matrix, Vector } from '../runtime/shared/types.ts';
import * as ref from '../../reference/05-gru.ts';
import { expectOutputs } from '../runtime/check.ts';
import { expectClose } from '../runtime/compare.ts';
import { graded } from '../runtime/graded.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { GRU_GATES_RZH, GRU_Z_SWAPPED, gruGatesAsRZH as asRZH } from '../runtime/mistakes/05-gru.ts';
import { sequenceContext } from '../runtime/mistakes/shared.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('05-gru');
const random = hiddenRandom('05-gru');

type StepArgs = Parameters<typeof ref.gruStepForward>;

/** Random weights for H units: Wx [D][3H], Wh [H][3H], b [3H]; `scale` large saturates the gates. */
function weights(D: number, H: number, scale = 0.5) {
  return [random.matrix(D, 3 * H, scale), random.matrix(H, 3 * H, scale), random.vector(3 * H, scale)] as const;
}

function stepArgs(N: number, D: number, H: number, scale = 0.5): StepArgs {
  return [random.matrix(N, D), random.matrix(N, H), ...weights(D, H, scale)];
}

/** b with gate k's block (0 = z, 1 = r, 2 = h̃) set to `value`: ±30 pins a sigmoid gate to 1 or 0. */
function withGateBias(b: Vector, k: number, value: number): Vector {
  const H = b.length / 3;
  return b.map((v, j) => (j >= k * H && j < (k + 1) * H ? value : v));
}

/** Wh with the candidate's block Wh_h zeroed: h̃ without its recurrent term. */
function withoutRecurrentCandidate(Wh: Matrix): Matrix {
  const H = Wh.length;
  return Wh.map((row) => row.map((v, j) => (j >= 2 * H ? 0 : v)));
}

/** Known wrong answers of a step (computed by the reference only on failure): gates r, z, h̃; z and 1 − z swapped. */
const stepContext = ([x, hPrev, Wx, Wh, b]: StepArgs): DiagnosisContext => ({
  alternatives: [
    { value: () => ref.gruStepForward(x, hPrev, asRZH(Wx), asRZH(Wh), asRZH(b)), diagnosis: GRU_GATES_RZH },
    {
      value: () => {
        const { z, hTilde } = ref.gruGateValues(x, hPrev, Wx, Wh, b);
        return { h: z.map((row, n) => row.map((zv, j) => (1 - zv) * hPrev[n]![j]! + zv * hTilde[n]![j]!)) };
      },
      diagnosis: GRU_Z_SWAPPED,
    },
  ],
});
const forwardContext = ([x, h0, Wx, Wh, b]: Readonly<Parameters<typeof ref.gruForward>>): DiagnosisContext => ({
  ...sequenceContext,
  alternatives: [{ value: () => ref.gruForward(x, h0, asRZH(Wx), asRZH(Wh), asRZH(b)), diagnosis: GRU_GATES_RZH }],
});

async function expectStepMatches(args: StepArgs): Promise<void> {
  expectOutputs('gruStepForward', await student.gruStepForward(...args), ref.gruStepForward(...args), undefined, stepContext(args));
}

describe('gruStepForward (hidden)', () => {
  graded('random batch, N=4 D=5 H=3', 1, () => expectStepMatches(stepArgs(4, 5, 3)));
  graded('a single example (N=1) with saturated gates', 1, () => expectStepMatches(stepArgs(1, 3, 4, 10)));
  graded('zero input and zero state: only the biases act', 1, async () => {
    const [x, hPrev, Wx, Wh, b] = stepArgs(2, 3, 4);
    await expectStepMatches([x.map((r) => r.map(() => 0)), hPrev.map((r) => r.map(() => 0)), Wx, Wh, b]);
  });
  graded('update gate z = 1 (bias +30) keeps the old state: h = hPrev', 1, async () => {
    const [x, hPrev, Wx, Wh, b] = stepArgs(3, 2, 4);
    const { h } = await student.gruStepForward(x, hPrev, Wx, Wh, withGateBias(b, 0, 30));
    expectClose('h with z = 1', h, hPrev);
  });
  graded('update gate z = 0 (bias −30) takes the candidate: h = h̃', 1, async () => {
    const args: StepArgs = [...stepArgs(3, 2, 4)];
    args[4] = withGateBias(args[4], 0, -30);
    const { h } = await student.gruStepForward(...args);
    expectClose('h with z = 0', h, ref.gruGateValues(...args).hTilde);
  });
  graded('reset gate r = 0 (bias −30) removes the recurrent term of h̃', 1, async () => {
    const [x, hPrev, Wx, Wh, b] = stepArgs(3, 2, 4);
    const reset = withGateBias(b, 1, -30);
    const { h } = await student.gruStepForward(x, hPrev, Wx, Wh, reset);
    expectClose('h with r = 0', h, ref.gruStepForward(x, hPrev, Wx, withoutRecurrentCandidate(Wh), reset).h);
  });
  graded('caches the gate activations z, r and hTilde', 1, async () => {
    const args = stepArgs(2, 3, 5);
    const { cache } = await student.gruStepForward(...args);
    const gates = ref.gruGateValues(...args);
    for (const key of ['z', 'r', 'hTilde'] as const) expectClose(`cache.${key}`, cache?.[key], gates[key]);
  });
});

describe('gruForward (hidden)', () => {
  graded('random sequences, N=3 T=6 D=4 H=5', 2, async () => {
    const args = [random.tensor3(3, 6, 4), random.matrix(3, 5), ...weights(4, 5, 0.6)] as const;
    expectOutputs('gruForward', { h: (await student.gruForward(...args)).h }, ref.gruForward(...args), undefined, forwardContext(args));
  });
  graded('a single step (T=1) and a single sequence (N=1)', 1, async () => {
    const args = [random.tensor3(1, 1, 3), random.matrix(1, 4), ...weights(3, 4)] as const;
    expectOutputs('gruForward', { h: (await student.gruForward(...args)).h }, ref.gruForward(...args), undefined, forwardContext(args));
  });
  graded('uses h0 (non-zero initial state) and keeps one step cache per time step', 2, async () => {
    const x = random.tensor3(2, 3, 2);
    const args = [x, random.matrix(2, 3, 2), ...weights(2, 3)] as const;
    const { h, cache } = await student.gruForward(...args);
    const expected = ref.gruForward(...args).h;
    expectClose('h', h, expected);
    expectClose('cache.x', cache?.x, x);
    expectClose('cache.h0', cache?.h0, args[1]);
    expectClose('the h of each step cache', cache?.steps?.map((s) => s.h), [0, 1, 2].map((t) => expected.map((seq) => seq[t]!)));
  });
});
