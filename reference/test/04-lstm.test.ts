/**
 * Checks the 04-lstm reference on its own: the forward against tf.layers.lstm, the autodiff backward against
 * float64 central differences, and that no call leaks tensors.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, test } from 'vitest';
import type { Nested } from '../../grader/runtime/check.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/04-lstm/lstm.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../04-lstm.ts';
import { centralDifference, dot } from './central-difference.ts';
import { noLeaks, runLayerWithWeights } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(404);
const [N, T, D, H] = [2, 3, 3, 2];
const weights = () => ({ Wx: random.matrix(D, 4 * H), Wh: random.matrix(H, 4 * H), b: random.vector(4 * H) });

/** ∂f/∂(each argument), by float64 central differences, in argument order. */
function numericGrads<A extends Nested[]>(f: (...args: A) => number, args: A): Nested[] {
  return args.map((arg, k) => centralDifference((v) => f(...(args.map((a, j) => (j === k ? v : a)) as A)), arg));
}

/** Compares named gradients with numeric ones given in the same order. */
function expectGradients(actual: Record<string, Nested>, numeric: Nested[]): void {
  Object.entries(actual).forEach(([name, value], k) => expectClose(name, value, numeric[k]!, GRADIENT_TOLERANCE));
}

test('lstmForward equals tf.layers.lstm with the same weights (sigmoid gates, h0 given, c0 = 0)', () => {
  const [x, h0, { Wx, Wh, b }] = [random.tensor3(N, T, D), random.matrix(N, H), weights()];
  const expected = ref.lstmForward(x, h0, Wx, Wh, b);
  // tfjs' default recurrentActivation is hardSigmoid; its kernel packs i, f, c, o, which is our i, f, g, o.
  const layer = tfl.layers.lstm({
    units: H,
    recurrentActivation: 'sigmoid',
    returnSequences: true,
    returnState: true,
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
  });
  const c0 = h0.map((row) => row.map(() => 0));
  const [hAll, , cLast] = runLayerWithWeights(layer, x, [h0, c0], [Wx, Wh, b]);
  expectClose('h', expected.h, hAll, { atol: 1e-5 });
  expectClose('c at the last step', expected.c.map((seq) => seq[T - 1]!), cLast, { atol: 1e-5 });
});

test('lstmStepBackward equals float64 central differences', () => {
  const args = [random.matrix(N, D), random.matrix(N, H), random.matrix(N, H), ...Object.values(weights())] as Parameters<
    typeof float64.lstmStepForward
  >;
  const [dh, dc] = [random.matrix(N, H), random.matrix(N, H)];
  const [x, hPrev, cPrev, Wx, Wh, b] = args;
  const loss = (...a: typeof args) => {
    const { h, c } = float64.lstmStepForward(...a);
    return dot(dh, h) + dot(dc, c);
  };
  expectGradients(ref.lstmStepBackward(dh, dc, { x, hPrev, cPrev, Wx, Wh, b }), numericGrads(loss, args));
});

test('lstmBackward equals float64 central differences', () => {
  const args = [random.tensor3(N, T, D), random.matrix(N, H), ...Object.values(weights())] as Parameters<typeof float64.lstmForward>;
  const dh = random.tensor3(N, T, H);
  const [x, h0, Wx, Wh, b] = args;
  const loss = (...a: typeof args) => dot(dh, float64.lstmForward(...a).h);
  expectGradients(ref.lstmBackward(dh, { x, h0, Wx, Wh, b }), numericGrads(loss, args));
});

test('no call leaves a tensor behind', () => {
  const [x, h0, { Wx, Wh, b }] = [random.tensor3(N, T, D), random.matrix(N, H), weights()];
  const step = { x: x.map((seq) => seq[0]!), hPrev: h0, cPrev: h0, Wx, Wh, b };
  const calls: Record<string, () => unknown> = {
    lstmStepForward: () => ref.lstmStepForward(step.x, h0, h0, Wx, Wh, b),
    lstmGateValues: () => ref.lstmGateValues(step.x, h0, Wx, Wh, b),
    lstmForward: () => ref.lstmForward(x, h0, Wx, Wh, b),
    lstmStepBackward: () => ref.lstmStepBackward(h0, h0, step),
    lstmBackward: () => ref.lstmBackward(random.tensor3(N, T, H), { x, h0, Wx, Wh, b }),
  };
  for (const [name, call] of Object.entries(calls)) noLeaks(call, name);
});
