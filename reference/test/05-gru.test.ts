/**
 * The GRU reference against TF.js' own layer with the same weights: tf.layers.gru packs its kernels z, r, h
 * and applies the reset gate before the recurrent matmul, as we do.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import type { Matrix, Tensor3, Vector } from '../../grader/runtime/shared/types.ts';
import { initBackend } from '../backend.ts';
import { gruForward, gruGateValues, gruStepForward } from '../05-gru.ts';
import { noLeaks, runLayerWithWeights } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(505);
const [N, T, D, H] = [3, 5, 4, 6];
const x = random.tensor3(N, T, D);
const h0 = random.matrix(N, H);
const [Wx, Wh, b] = [random.matrix(D, 3 * H, 0.6), random.matrix(H, 3 * H, 0.6), random.vector(3 * H, 0.3)];

/** tf.layers.gru with our weights; its default recurrentActivation is hardSigmoid, so ask for sigmoid. */
function layersGru(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): Tensor3 {
  const layer = tfl.layers.gru({ units: Wh.length, recurrentActivation: 'sigmoid', returnSequences: true, recurrentInitializer: 'zeros' });
  return runLayerWithWeights(layer, x, [h0], [Wx, Wh, b])[0];
}

describe('reference GRU', () => {
  test('gruForward matches tf.layers.gru with the same weights and initial state', () => {
    const { h } = noLeaks(() => gruForward(x, h0, Wx, Wh, b));
    expectClose('gruForward h', h, layersGru(x, h0, Wx, Wh, b), { atol: 1e-5, rtol: 0 });
  });

  test('gruStepForward is one step of tf.layers.gru', () => {
    const x0 = x.map((seq) => seq[0]!);
    const { h } = noLeaks(() => gruStepForward(x0, h0, Wx, Wh, b));
    const layer = layersGru(x.map((seq) => [seq[0]!]), h0, Wx, Wh, b).map((seq) => seq[0]!);
    expectClose('gruStepForward h', h, layer, { atol: 1e-5, rtol: 0 });
  });

  test('gruGateValues recombine into the step: h = z ⊙ hPrev + (1 − z) ⊙ h̃', () => {
    const x0 = x.map((seq) => seq[0]!);
    const { z, r, hTilde } = noLeaks(() => gruGateValues(x0, h0, Wx, Wh, b));
    for (const gate of [z, r]) expect(gate.flat().every((v) => v > 0 && v < 1)).toBe(true);
    const h = z.map((row, n) => row.map((zv, j) => zv * h0[n]![j]! + (1 - zv) * hTilde[n]![j]!));
    expectClose('z ⊙ hPrev + (1 − z) ⊙ h̃', h, noLeaks(() => gruStepForward(x0, h0, Wx, Wh, b)).h);
  });
});
