/**
 * The deep-RNN reference (06-deep-rnn): the bidirectional layer against TF.js' own
 * tf.layers.bidirectional(simpleRNN) with the same weights, for every merge mode; the stack against chained
 * calls of the vanilla RNN reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import type { MergeMode } from '../../exercises/06-deep-rnn/deep-rnn.ts';
import type { RnnLayerParams, Tensor3 } from '../../grader/runtime/shared/types.ts';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import { initBackend } from '../backend.ts';
import { bidirectionalRnnForward, MERGE_MODES, stackedRnnForward } from '../06-deep-rnn.ts';
import { rnnForward } from '../01-rnn-forward.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(606);
const [N, T, D, H] = [3, 5, 4, 6];
const x = random.tensor3(N, T, D);
const params = (inputs: number, units: number): RnnLayerParams => ({
  Wx: random.matrix(inputs, units, 0.6),
  Wh: random.matrix(units, units, 0.6),
  b: random.vector(units, 0.3),
});
const [fwd, bwd] = [params(D, H), params(D, H)];

/**
 * tf.layers.bidirectional around a tanh simpleRNN, from zero states, with our weights. The wrapper's weights
 * are the forward layer's kernel, recurrent kernel and bias, then the backward layer's.
 */
function layersBidirectional(x: Tensor3, fwd: RnnLayerParams, bwd: RnnLayerParams, mergeMode: MergeMode): Tensor3 {
  const units = fwd.Wh.length;
  const layer = tfl.layers.bidirectional({
    layer: tfl.layers.simpleRNN({ units, activation: 'tanh', returnSequences: true, recurrentInitializer: 'zeros' }),
    mergeMode,
  });
  return tf.tidy(() => {
    const input = tf.tensor3d(x);
    layer.apply(input); // builds the weights
    layer.setWeights([fwd, bwd].flatMap(({ Wx, Wh, b }) => [tf.tensor2d(Wx), tf.tensor2d(Wh), tf.tensor1d(b)]));
    const out = (layer.apply(input) as tf.Tensor).arraySync() as Tensor3;
    layer.dispose(); // its weights are variables, which tf.tidy keeps
    return out;
  });
}

describe('reference bidirectional RNN', () => {
  test.each(MERGE_MODES)("matches tf.layers.bidirectional(simpleRNN) with mergeMode '%s'", (merge) => {
    const h = noLeaks(() => bidirectionalRnnForward(x, fwd, bwd, merge));
    expect(h[0]![0]!.length).toBe(merge === 'concat' ? 2 * H : H);
    expectClose(`bidirectional ${merge}`, h, layersBidirectional(x, fwd, bwd, merge), { atol: 1e-5, rtol: 0 });
  });

  test('concat holds the forward RNN, then the backward RNN run on the reversed sequence, reversed back', () => {
    const zeros = x.map(() => new Array<number>(H).fill(0));
    const reverse = (s: Tensor3) => s.map((seq) => [...seq].reverse());
    const forward = rnnForward(x, zeros, fwd.Wx, fwd.Wh, fwd.b).h;
    const backward = reverse(rnnForward(reverse(x), zeros, bwd.Wx, bwd.Wh, bwd.b).h);
    const h = bidirectionalRnnForward(x, fwd, bwd, 'concat');
    expectClose('concat', h, forward.map((seq, n) => seq.map((f, t) => [...f, ...backward[n]![t]!])), { atol: 1e-6, rtol: 0 });
  });

  test('an unknown merge mode is a RangeError', () => {
    noLeaks(() => expect(() => bidirectionalRnnForward(x, fwd, bwd, 'max' as MergeMode)).toThrow(RangeError));
  });
});

describe('reference stacked RNN', () => {
  test('two layers are two chained rnnForward calls; hLast holds each layer’s final state', () => {
    const H2 = 3;
    const layers = [params(D, H), params(H, H2)];
    const h0s = [random.matrix(N, H), random.matrix(N, H2)];
    const { h, hLast } = noLeaks(() => stackedRnnForward(x, layers, h0s));
    const first = rnnForward(x, h0s[0]!, layers[0]!.Wx, layers[0]!.Wh, layers[0]!.b).h;
    const second = rnnForward(first, h0s[1]!, layers[1]!.Wx, layers[1]!.Wh, layers[1]!.b).h;
    expectClose('stacked h', h, second, { atol: 1e-6, rtol: 0 });
    expectClose('hLast[0]', hLast[0], first.map((seq) => seq[T - 1]!), { atol: 1e-6, rtol: 0 });
    expectClose('hLast[1]', hLast[1], second.map((seq) => seq[T - 1]!), { atol: 1e-6, rtol: 0 });
  });

  test('one layer is rnnForward', () => {
    const layer = params(D, H);
    const h0 = random.matrix(N, H);
    const { h, hLast } = noLeaks(() => stackedRnnForward(x, [layer], [h0]));
    const expected = rnnForward(x, h0, layer.Wx, layer.Wh, layer.b).h;
    expectClose('stacked h', h, expected, { atol: 1e-6, rtol: 0 });
    expect(hLast).toHaveLength(1);
  });
});
