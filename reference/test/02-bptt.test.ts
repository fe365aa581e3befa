/**
 * Checks the 02-bptt reference on its own, before any student is graded against it: its tfjs autodiff
 * gradients against float64 central differences of a float64 forward (the 01 solution's forward, the
 * function whose gradient is being checked), and the truncated variant against its definition.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { expectClose, type Tolerance } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import { rnnForward, rnnStepForward } from '../../solutions/01-rnn-forward/rnn-forward.ts';
import { add } from '../../grader/runtime/shared/linalg.ts';
import type { Matrix, RnnStepGrads, Tensor3 } from '../../grader/runtime/shared/types.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../02-bptt.ts';
import { centralDifference, dot } from './central-difference.ts';
import { noLeaks } from './helpers.ts';

// The reference computes in float32 (relative rounding ≈ 6e-8 per op, accumulated over a few dozen ops);
// float64 central differences with ε = 1e-6 are accurate to ≈ 1e-10. So the float32 side sets the error:
// the syllabus' gradient tolerance, rtol 1e-3 and atol 1e-4 (for entries near zero), covers it with room.
const TOLERANCE: Tolerance = { rtol: 1e-3, atol: 1e-4 };

const random = makeRandom(2020);
const [N, T, D, H, V] = [2, 3, 2, 3, 4];

beforeAll(async () => {
  await initBackend();
});

function sequenceInputs(): ref.SequenceInputs {
  return { x: random.tensor3(N, T, D), h0: random.matrix(N, H), Wx: random.matrix(D, H, 0.8), Wh: random.matrix(H, H, 0.8), b: random.vector(H, 0.3) };
}

/** Every entry of `grads` against the central difference of `objective` in the input of the same name. */
function expectGradients<I extends object>(grads: Record<string, unknown>, inputs: I, gradName: Record<string, keyof I>, objective: (inputs: I) => number): void {
  for (const [grad, input] of Object.entries(gradName)) {
    const numeric = centralDifference((v) => objective({ ...inputs, [input]: v }), inputs[input] as Matrix);
    expectClose(`${grad} vs central differences`, grads[grad], numeric, TOLERANCE);
  }
}

const SEQUENCE_GRADS = { dx: 'x', dh0: 'h0', dWx: 'Wx', dWh: 'Wh', db: 'b' } as const;

describe('rnnStepBackward', () => {
  test('matches central differences of Σ dh ⊙ h', () => {
    const inputs = { x: random.matrix(N, D), hPrev: random.matrix(N, H), Wx: random.matrix(D, H), Wh: random.matrix(H, H), b: random.vector(H) };
    const dh = random.matrix(N, H);
    const grads = noLeaks(() => ref.rnnStepBackward(dh, inputs));
    expectGradients(grads, inputs, { dx: 'x', dhPrev: 'hPrev', dWx: 'Wx', dWh: 'Wh', db: 'b' }, (i) =>
      dot(dh, rnnStepForward(i.x, i.hPrev, i.Wx, i.Wh, i.b).h),
    );
  });
});

describe('rnnBackward', () => {
  test('matches central differences of Σ_t dh_t ⊙ h_t', () => {
    const inputs = sequenceInputs();
    const dh = random.tensor3(N, T, H);
    const grads = noLeaks(() => ref.rnnBackward(dh, inputs));
    expectGradients(grads, inputs, SEQUENCE_GRADS, (i) => dot(dh, rnnForward(i.x, i.h0, i.Wx, i.Wh, i.b).h));
  });
});

/** The float64 loss, written out: −(1/N) Σ mask · (logit of the target − log Σ exp logits). */
function softmaxLoss64(logits: Tensor3, y: number[][], mask: number[][]): number {
  let loss = 0;
  logits.forEach((sequence, n) =>
    sequence.forEach((row, t) => {
      const max = Math.max(...row);
      const logSumExp = max + Math.log(row.reduce((sum, v) => sum + Math.exp(v - max), 0));
      loss -= mask[n]![t]! * (row[y[n]![t]!]! - logSumExp);
    }),
  );
  return loss / logits.length;
}

describe('temporalSoftmaxLoss', () => {
  test('value and gradient match the float64 loss and its central differences', () => {
    const logits = random.tensor3(N, T, V, 2);
    const y = [[0, 3, 1], [2, 2, 0]];
    const mask = [[1, 1, 1], [1, 0, 0]];
    const { loss, dLogits } = noLeaks(() => ref.temporalSoftmaxLoss(logits, y, mask));
    expectClose('loss', loss, softmaxLoss64(logits, y, mask), TOLERANCE);
    expectClose('dLogits vs central differences', dLogits, centralDifference((z) => softmaxLoss64(z, y, mask), logits), TOLERANCE);
  });
});

/** The states h_{s} of a float64 forward, s = −1..T−1 (index s + 1), each [N][H]. */
function states64({ x, h0, Wx, Wh, b }: ref.SequenceInputs): Matrix[] {
  const h = rnnForward(x, h0, Wx, Wh, b).h;
  return [h0, ...Array.from({ length: T }, (_, t) => h.map((seq) => seq[t]!))];
}

describe('rnnBackwardTruncated', () => {
  test('k ≥ T is full BPTT', () => {
    const inputs = sequenceInputs();
    const dh = random.tensor3(N, T, H);
    const full = noLeaks(() => ref.rnnBackward(dh, inputs));
    for (const k of [T, T + 2]) {
      const truncated = noLeaks(() => ref.rnnBackwardTruncated(dh, inputs, k));
      for (const [name, value] of Object.entries(full)) expectClose(`k = ${k}: ${name}`, truncated[name as keyof typeof truncated], value, TOLERANCE);
    }
  });

  test('k = 1 is the sum of every step’s local gradient', () => {
    const inputs = sequenceInputs();
    const dh = random.tensor3(N, T, H);
    const h = states64(inputs);
    const local = Array.from({ length: T }, (_, t) =>
      noLeaks(() => ref.rnnStepBackward(dh.map((seq) => seq[t]!), { x: inputs.x.map((seq) => seq[t]!), hPrev: h[t]!, Wx: inputs.Wx, Wh: inputs.Wh, b: inputs.b })),
    );
    const sum = (pick: (g: RnnStepGrads) => Matrix): Matrix => local.map(pick).reduce(add);
    const truncated = noLeaks(() => ref.rnnBackwardTruncated(dh, inputs, 1));
    expectClose('dx', truncated.dx, inputs.x.map((_, n) => local.map((g) => g.dx[n]!)), TOLERANCE);
    expectClose('dh0 (only step 0 reaches h0)', truncated.dh0, local[0]!.dhPrev, TOLERANCE);
    expectClose('dWx', truncated.dWx, sum((g) => g.dWx), TOLERANCE);
    expectClose('dWh', truncated.dWh, sum((g) => g.dWh), TOLERANCE);
    expectClose('db', truncated.db, sum((g) => [g.db])[0]!, TOLERANCE);
  });

  test('k = 2 matches central differences with each window’s start state held fixed', () => {
    const inputs = sequenceInputs();
    const dh = random.tensor3(N, T, H);
    const k = 2;
    const fixed = states64(inputs); // h_{start−1} of every window, computed once: constants, not variables
    // Σ_t dh_t ⊙ h_t where h_t is re-run over steps start..t only, from the fixed h_{start−1} (h0 when start = 0).
    const objective = ({ x, h0, Wx, Wh, b }: ref.SequenceInputs): number =>
      Array.from({ length: T }, (_, t) => {
        const start = Math.max(0, t - k + 1);
        const window = x.map((seq) => seq.slice(start, t + 1));
        const h = rnnForward(window, start === 0 ? h0 : fixed[start]!, Wx, Wh, b).h;
        return dot(dh.map((seq) => seq[t]!), h.map((seq) => seq[t - start]!));
      }).reduce((a, b) => a + b, 0);
    const grads = noLeaks(() => ref.rnnBackwardTruncated(dh, inputs, k));
    expectGradients(grads, inputs, SEQUENCE_GRADS, objective);
  });

  test('k that is not an integer ≥ 1 is a RangeError', () => {
    const inputs = sequenceInputs();
    const dh = random.tensor3(N, T, H);
    for (const k of [0, 1.5, Number.NaN]) expect(() => ref.rnnBackwardTruncated(dh, inputs, k)).toThrow(RangeError);
  });
});

describe('clipping', () => {
  const grads = { a: [[3, -0.5], [0, 4]], b: [-12], c: 0 };
  test('clipElementwise clips to [−limit, limit]', () => {
    const clipped = noLeaks(() => ref.clipElementwise(grads, 1));
    expect(clipped).toEqual({ a: [[1, -0.5], [0, 1]], b: [-1], c: 0 });
    expect(() => ref.clipElementwise(grads, 0)).toThrow(RangeError);
  });
  test('clipGlobalNorm scales by maxNorm / ‖g‖ only when ‖g‖ > maxNorm', () => {
    // ‖g‖ = sqrt(9 + 0.25 + 16 + 144) = 13.0096…
    const norm = Math.hypot(3, -0.5, 4, -12);
    expectClose('scaled', noLeaks(() => ref.clipGlobalNorm(grads, 2)).a, grads.a.map((r) => r.map((v) => (v * 2) / norm)));
    expectClose('unscaled', noLeaks(() => ref.clipGlobalNorm(grads, 20)).b, grads.b);
    expect(() => ref.clipGlobalNorm(grads, -1)).toThrow(RangeError);
  });
});
