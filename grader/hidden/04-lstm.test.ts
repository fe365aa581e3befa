import { describe } from 'vitest';
import type * as Exercise from '../../exercises/04-lstm/lstm.ts';
import type { Matrix, Tensor3, Vector } from '../runtime/shared/types.ts';
import * as ref from '../../reference/04-lstm.ts';
import { expectOutputs } from '../runtime/check.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { graded } from '../runtime/graded.ts';
import { LSTM_GATES, LSTM_GATES_IFOG, lstmGatesAsIFOG as asIFOG, lstmGradientContext, type LstmGate } from '../runtime/mistakes/04-lstm.ts';
import { sequenceContext } from '../runtime/mistakes/shared.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';
import { zerosLike } from '../runtime/shared/linalg.ts';

const student = loadSubmission<typeof Exercise>('04-lstm');
const random = hiddenRandom('04-lstm');

type StepArgs = Parameters<typeof ref.lstmStepForward>;
type SequenceArgs = Parameters<typeof ref.lstmForward>;

/** Random weights for H units; `scale` large saturates the gates. */
const weights = (D: number, H: number, scale = 0.5) =>
  [random.matrix(D, 4 * H, scale), random.matrix(H, 4 * H, scale), random.vector(4 * H, scale)] as const;
const stepArgs = (N: number, D: number, H: number, scale?: number): StepArgs =>
  [random.matrix(N, D), random.matrix(N, H), random.matrix(N, H), ...weights(D, H, scale)];
const sequenceArgs = (N: number, T: number, D: number, H: number): SequenceArgs =>
  [random.tensor3(N, T, D), random.matrix(N, H), ...weights(D, H)];
const stepInputs = ([x, hPrev, cPrev, Wx, Wh, b]: StepArgs) => ({ x, hPrev, cPrev, Wx, Wh, b });
const sequenceInputs = ([x, h0, Wx, Wh, b]: SequenceArgs) => ({ x, h0, Wx, Wh, b });
const randomLike = (m: Matrix) => random.matrix(m.length, m[0]!.length);

/** b with some gates' blocks set to a value: ±30 holds a sigmoid gate at 1 or 0. */
function pin(b: Vector, gates: Partial<Record<LstmGate, number>>): Vector {
  return b.map((v, j) => gates[LSTM_GATES[Math.floor((4 * j) / b.length)]!] ?? v);
}

/** Diagnoses of a forward step: the known wrong answer of the i, f, o, g order (computed only on failure). */
const stepContext = ([x, hPrev, cPrev, Wx, Wh, b]: StepArgs): DiagnosisContext => ({
  alternatives: [{ value: () => ref.lstmStepForward(x, hPrev, cPrev, asIFOG(Wx), asIFOG(Wh), asIFOG(b)), diagnosis: LSTM_GATES_IFOG }],
});
const forwardContext = ([x, h0, Wx, Wh, b]: SequenceArgs): DiagnosisContext => ({
  ...sequenceContext,
  alternatives: [{ value: () => ref.lstmForward(x, h0, asIFOG(Wx), asIFOG(Wh), asIFOG(b)), diagnosis: LSTM_GATES_IFOG }],
});

/** The student's step backward (on a reference cache unless given one) against reference autodiff. */
async function expectStepBackward(args: StepArgs, dh: Matrix, dc: Matrix, label = 'lstmStepBackward', cache = ref.lstmStepCache(...args)) {
  const actual = await student.lstmStepBackward(dh, dc, cache);
  expectOutputs(label, actual, ref.lstmStepBackward(dh, dc, stepInputs(args)), GRADIENT_TOLERANCE, lstmGradientContext);
}

/** The student's BPTT (on a reference cache unless given one) against reference autodiff. */
async function expectBackward(args: SequenceArgs, dh: Tensor3, cache = ref.lstmCache(...args)) {
  const actual = await student.lstmBackward(dh, cache);
  expectOutputs('lstmBackward', actual, ref.lstmBackward(dh, sequenceInputs(args)), GRADIENT_TOLERANCE, lstmGradientContext);
}

describe('lstmStepForward (hidden)', () => {
  graded('random batch, N=4 D=6 H=5', 1, async () => {
    const args = stepArgs(4, 6, 5);
    expectOutputs('lstmStepForward', await student.lstmStepForward(...args), ref.lstmStepForward(...args), undefined, stepContext(args));
  });
  graded('a single example (N=1) with saturated gates (large weights)', 1, async () => {
    const args = stepArgs(1, 3, 4, 20);
    expectOutputs('lstmStepForward', await student.lstmStepForward(...args), ref.lstmStepForward(...args), undefined, stepContext(args));
  });
  graded('zero input and zero hPrev: only b and cPrev matter', 1, async () => {
    const [x, hPrev, cPrev, Wx, Wh, b] = stepArgs(2, 3, 4);
    const args: StepArgs = [zerosLike(x), zerosLike(hPrev), cPrev, Wx, Wh, b];
    expectOutputs('lstmStepForward', await student.lstmStepForward(...args), ref.lstmStepForward(...args), undefined, stepContext(args));
  });
  graded('each gate held open or closed by its bias (±30)', 2, async () => {
    // With a gate pinned at 0 or 1, one term of c or h is isolated, and a wrong gate is caught by name.
    const [x, hPrev, cPrev, Wx, Wh, b] = stepArgs(3, 3, 4);
    const cases: [string, number[]][] = [
      ['forget open, input closed: c = cPrev', pin(b, { f: 30, i: -30 })],
      ['forget closed: c = i ⊙ g', pin(b, { f: -30 })],
      ['output closed: h = 0', pin(b, { o: -30 })],
      ['output open, forget open, input closed: h = tanh(cPrev)', pin(b, { o: 30, f: 30, i: -30 })],
    ];
    for (const [what, pinned] of cases) {
      const args: StepArgs = [x, hPrev, cPrev, Wx, Wh, pinned];
      expectOutputs(`lstmStepForward [${what}]`, await student.lstmStepForward(...args), ref.lstmStepForward(...args), undefined, stepContext(args));
    }
  });
  graded('the cache holds the inputs, the gates i, f, g, o and c', 1, async () => {
    const args = stepArgs(2, 3, 4);
    const { cache } = await student.lstmStepForward(...args);
    const expected = ref.lstmStepCache(...args);
    // Gates unpacked as i, f, o, g put o where g belongs and g where o belongs.
    const swapped: Record<string, Matrix> = { g: expected.o, o: expected.g };
    for (const [key, value] of Object.entries(expected)) {
      const context = swapped[key] ? { alternatives: [{ value: swapped[key], diagnosis: LSTM_GATES_IFOG }] } : undefined;
      expectClose(`cache.${key}`, (cache as unknown as Record<string, unknown>)?.[key], value, undefined, context);
    }
  });
});

describe('lstmForward (hidden)', () => {
  graded('random sequences, N=3 T=5 D=4 H=3', 2, async () => {
    const args = sequenceArgs(3, 5, 4, 3);
    expectOutputs('lstmForward', await student.lstmForward(...args), ref.lstmForward(...args), undefined, forwardContext(args));
  });
  graded('a single step (T=1) is lstmStepForward from h0 and c0 = 0', 1, async () => {
    const [x, h0, Wx, Wh, b] = sequenceArgs(2, 1, 3, 4);
    const { h, c } = await student.lstmForward(x, h0, Wx, Wh, b);
    const expected = ref.lstmStepForward(x.map((seq) => seq[0]!), h0, zerosLike(h0), Wx, Wh, b);
    expectClose('h[:, 0]', h?.map((seq) => seq[0]), expected.h);
    expectClose('c[:, 0]', c?.map((seq) => seq[0]), expected.c);
  });
  graded('the cache holds x, h0 and every step\'s cache', 1, async () => {
    const args = sequenceArgs(2, 3, 2, 3);
    const { cache } = await student.lstmForward(...args);
    const expected = ref.lstmCache(...args);
    expectClose('cache.x', cache?.x, expected.x);
    expectClose('cache.h0', cache?.h0, expected.h0);
    expected.steps.forEach((step, t) => {
      for (const [key, value] of Object.entries(step)) {
        expectClose(`cache.steps[${t}].${key}`, (cache?.steps?.[t] as unknown as Record<string, unknown>)?.[key], value);
      }
    });
  });
});

describe('lstmStepBackward (hidden)', () => {
  graded('random batch, N=4 D=6 H=5', 2, async () => {
    const args = stepArgs(4, 6, 5);
    await expectStepBackward(args, randomLike(args[1]), randomLike(args[1]));
  });
  graded('each upstream alone: only dh, then only dc, non-zero', 2, async () => {
    const args = stepArgs(3, 4, 2);
    const [dh, dc] = [randomLike(args[1]), randomLike(args[1])];
    await expectStepBackward(args, dh, zerosLike(dc), 'lstmStepBackward [only dh]');
    await expectStepBackward(args, zerosLike(dh), dc, 'lstmStepBackward [only dc]');
  });
  graded('a single example (N=1) with saturated gates', 1, async () => {
    const args = stepArgs(1, 3, 4, 5);
    await expectStepBackward(args, randomLike(args[1]), randomLike(args[1]));
  });
  graded('works on the cache of your own lstmStepForward', 1, async () => {
    const args = stepArgs(2, 3, 3);
    const { cache } = await student.lstmStepForward(...args);
    await expectStepBackward(args, randomLike(args[1]), randomLike(args[1]), 'lstmStepBackward', cache);
  });
});

describe('lstmBackward (hidden)', () => {
  graded('random sequences, N=2 T=5 D=3 H=4', 2, async () => {
    const args = sequenceArgs(2, 5, 3, 4);
    await expectBackward(args, random.tensor3(2, 5, 4));
  });
  graded('a single step (T=1)', 1, async () => {
    const args = sequenceArgs(3, 1, 2, 2);
    await expectBackward(args, random.tensor3(3, 1, 2));
  });
  graded('works on the cache of your own lstmForward', 1, async () => {
    const args = sequenceArgs(2, 4, 3, 2);
    const { cache } = await student.lstmForward(...args);
    await expectBackward(args, random.tensor3(2, 4, 2), cache);
  });
});
