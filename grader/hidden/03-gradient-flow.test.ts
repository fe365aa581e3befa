import { describe, expect } from 'vitest';
import type * as Exercise from '../../exercises/03-gradient-flow/gradient-flow.ts';
import type { Matrix } from '../runtime/shared/types.ts';
import * as ref from '../../reference/03-gradient-flow.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../runtime/compare.ts';
import { graded } from '../runtime/graded.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('03-gradient-flow');
const random = hiddenRandom('03-gradient-flow');

type NormArgs = Parameters<typeof ref.rnnJacobianNorms>;

/** One random sequence of T steps: x [1][T][D], h0 [1][H]; `whScale` sets the size of Wh. */
function sequenceArgs(T: number, D: number, H: number, whScale = 0.6): NormArgs {
  return [[random.matrix(T, D)], [random.vector(H)], random.matrix(D, H, 0.5), random.matrix(H, H, whScale), random.vector(H, 0.2)];
}

/** a · (I − 2vvᵀ/vᵀv): a reflection scaled by a, so every power has all singular values aⁿ. */
function scaledReflection(H: number, a: number): Matrix {
  const v = random.vector(H);
  const vv = v.reduce((s, e) => s + e * e, 0);
  return v.map((vi, i) => v.map((vj, j) => a * ((i === j ? 1 : 0) - (2 * vi * vj) / vv)));
}

/** Zero input, state and bias: every h_t stays 0 and tanh' = 1, so ‖∂h_T/∂h_k‖_F = a^(T−k) · √H exactly. */
async function expectGeometric(a: number): Promise<void> {
  const [T, H] = [8, 4];
  const Wh = scaledReflection(H, a);
  const args: NormArgs = [[Array.from({ length: T }, () => [0, 0])], [new Array(H).fill(0)], random.matrix(2, H), Wh, new Array(H).fill(0)];
  const norms = await student.rnnJacobianNorms(...args);
  expectClose(`rnnJacobianNorms with ‖Wh‖ scaled by ${a}`, norms, Array.from({ length: T + 1 }, (_, k) => a ** (T - k) * Math.sqrt(H)), GRADIENT_TOLERANCE);
}

async function expectNormsMatch(args: NormArgs, tolerance = GRADIENT_TOLERANCE): Promise<void> {
  expectClose('rnnJacobianNorms(…)', await student.rnnJacobianNorms(...args), ref.rnnJacobianNorms(...args), tolerance);
}

async function expectGainsMatch(gates: Matrix, expected = ref.lstmCellPathGains(gates)): Promise<void> {
  expectClose('lstmCellPathGains(…)', await student.lstmCellPathGains(gates), expected);
}

describe('rnnJacobianNorms (hidden)', () => {
  graded('random sequence, T=7 D=3 H=5', 2, () => expectNormsMatch(sequenceArgs(7, 3, 5)));
  graded('a single step (T=1)', 1, () => expectNormsMatch(sequenceArgs(1, 2, 3, 1)));
  graded('Wh = 0: h_T does not depend on earlier states (zeros, then √H)', 1, async () => {
    const [x, h0, Wx, Wh, b] = sequenceArgs(4, 2, 3);
    const norms = await student.rnnJacobianNorms(x, h0, Wx, Wh.map((r) => r.map(() => 0)), b);
    expectClose('rnnJacobianNorms with Wh = 0', norms, [0, 0, 0, 0, Math.sqrt(3)]);
  });
  graded('an orthogonal Wh scaled by 0.5: norms shrink by 0.5 per step', 1, () => expectGeometric(0.5));
  graded('an orthogonal Wh scaled by 2: norms grow by 2 per step', 1, () => expectGeometric(2));
  graded('saturated tanh (large bias) makes even an orthogonal Wh vanish', 1, async () => {
    const [T, D, H] = [5, 2, 4];
    const args: NormArgs = [[random.matrix(T, D, 0.1)], [random.vector(H)], random.matrix(D, H, 0.1), scaledReflection(H, 1), new Array(H).fill(3)];
    // The norms fall to ~1e-12 here: compare them relatively, not against the usual absolute tolerance.
    await expectNormsMatch(args, { atol: 1e-15, rtol: 1e-3 });
  });
});

describe('lstmCellPathGains (hidden)', () => {
  graded('random gates, T=9 H=5', 1, () => expectGainsMatch(Array.from({ length: 9 }, () => random.vector(5).map((v) => Math.abs(v)))));
  graded('all forget gates 1: the gain is √H at every distance', 1, () =>
    expectGainsMatch(Array.from({ length: 6 }, () => [1, 1, 1]), new Array(7).fill(Math.sqrt(3))),
  );
  graded('all forget gates 0 (and a single step): nothing survives one step back', 1, async () => {
    await expectGainsMatch(Array.from({ length: 4 }, () => [0, 0]), [0, 0, 0, 0, Math.SQRT2]);
    await expectGainsMatch([[0.3, 0.4]], [0.5, Math.SQRT2]);
  });
  graded('a gate value outside [0, 1] is a RangeError', 1, async () => {
    for (const bad of [1.5, -0.1]) {
      const gates = Array.from({ length: 3 }, () => [0.5, 0.5]);
      gates[1]![0] = bad;
      await expectRangeError(`a gate value of ${bad}`, student.lstmCellPathGains(gates));
    }
  });
});
