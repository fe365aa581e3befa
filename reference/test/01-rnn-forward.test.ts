/**
 * The vanilla RNN reference (01-rnn-forward) against TF.js' own tf.layers.simpleRNN with the same weights,
 * and the output layer against a matrix product written out by hand.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, test } from 'vitest';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import type { Matrix, Tensor3, Vector } from '../../grader/runtime/shared/types.ts';
import { initBackend } from '../backend.ts';
import { outputLogits, rnnForward, rnnStepForward } from '../01-rnn-forward.ts';
import { noLeaks, runLayerWithWeights } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(101);
const [N, T, D, H, V] = [3, 5, 4, 6, 7];
const x = random.tensor3(N, T, D);
const h0 = random.matrix(N, H);
const [Wx, Wh, b] = [random.matrix(D, H, 0.6), random.matrix(H, H, 0.6), random.vector(H, 0.3)];

/** tf.layers.simpleRNN (tanh) with our weights, from the initial state h0. */
function layersSimpleRnn(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): Tensor3 {
  const layer = tfl.layers.simpleRNN({ units: Wh.length, activation: 'tanh', returnSequences: true, recurrentInitializer: 'zeros' });
  return runLayerWithWeights(layer, x, [h0], [Wx, Wh, b])[0];
}

describe('reference vanilla RNN', () => {
  test('rnnForward matches tf.layers.simpleRNN with the same weights and initial state', () => {
    const { h } = noLeaks(() => rnnForward(x, h0, Wx, Wh, b));
    expectClose('rnnForward h', h, layersSimpleRnn(x, h0, Wx, Wh, b), { atol: 1e-5, rtol: 0 });
  });

  test('rnnStepForward is one step of rnnForward', () => {
    const x0 = x.map((seq) => seq[0]!);
    const { h } = noLeaks(() => rnnStepForward(x0, h0, Wx, Wh, b));
    expectClose('rnnStepForward h', h, rnnForward(x.map((seq) => [seq[0]!]), h0, Wx, Wh, b).h.map((seq) => seq[0]!), { atol: 1e-6, rtol: 0 });
  });

  test('outputLogits is h_t · Wy + by at every time step', () => {
    const [h, Wy, by] = [random.tensor3(N, T, H), random.matrix(H, V), random.vector(V)];
    const logits = noLeaks(() => outputLogits(h, Wy, by));
    const manual = h.map((seq) => seq.map((ht) => by.map((bv, v) => ht.reduce((sum, hj, j) => sum + hj * Wy[j]![v]!, bv))));
    expectClose('outputLogits', logits, manual);
  });
});
