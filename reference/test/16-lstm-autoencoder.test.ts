/**
 * Checks the 16-lstm-autoencoder reference on its own: against the Keras-style model tf.layers.lstm →
 * repeatVector → lstm(returnSequences) → timeDistributed(dense) with the same weights, against the float64
 * solution (which runs exercise 04's lstmForward), its RangeErrors, and that no call leaks tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, expect, test } from 'vitest';
import type { LstmAutoencoderParams } from '../../exercises/16-lstm-autoencoder/lstm-autoencoder.ts';
import type { Matrix, Tensor3 } from '../../grader/runtime/shared/types.ts';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/16-lstm-autoencoder/lstm-autoencoder.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../16-lstm-autoencoder.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(1616);
const lstmWeights = (inputs: number, units: number) => ({
  Wx: random.matrix(inputs, 4 * units, 0.7),
  Wh: random.matrix(units, 4 * units, 0.7),
  b: random.vector(4 * units, 0.3),
});
const params = (D: number, H: number, Hd: number): LstmAutoencoderParams => ({
  encoder: lstmWeights(D, H),
  decoder: lstmWeights(H, Hd),
  Wy: random.matrix(Hd, D),
  by: random.vector(D),
});

/**
 * The same autoencoder in tfjs-layers, with our weights. Sigmoid gates (tfjs defaults to hardSigmoid), and
 * zeros initializers (the default orthogonal one needs a chained op tfjs-core alone does not register).
 */
function layersAutoencoder(x: Tensor3, p: LstmAutoencoderParams): { code: Matrix; recon: Tensor3 } {
  const [T, D] = [x[0]!.length, x[0]![0]!.length];
  const lstm = (units: number, returnSequences: boolean) =>
    tfl.layers.lstm({ units, returnSequences, recurrentActivation: 'sigmoid', kernelInitializer: 'zeros', recurrentInitializer: 'zeros' });
  const encoder = lstm(p.encoder.Wh.length, false);
  const decoder = lstm(p.decoder.Wh.length, true);
  const output = tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: D, kernelInitializer: 'zeros' }) });
  const input = tfl.input({ shape: [T, D] });
  const code = encoder.apply(input) as tfl.SymbolicTensor;
  const recon = output.apply(decoder.apply(tfl.layers.repeatVector({ n: T }).apply(code))) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: [code, recon] });
  const weights = (w: { Wx: Matrix; Wh: Matrix; b: number[] }) => [tf.tensor2d(w.Wx), tf.tensor2d(w.Wh), tf.tensor1d(w.b)];
  const out = tf.tidy(() => {
    encoder.setWeights(weights(p.encoder));
    decoder.setWeights(weights(p.decoder));
    output.setWeights([tf.tensor2d(p.Wy), tf.tensor1d(p.by)]);
    const [c, r] = model.predict(tf.tensor3d(x)) as tf.Tensor[];
    return { code: c!.arraySync() as Matrix, recon: r!.arraySync() as Tensor3 };
  });
  model.dispose(); // its weights are variables, which tf.tidy keeps
  return out;
}

test.each([
  [3, 5, 2, 3, 4],
  [1, 1, 3, 2, 2],
  [2, 6, 4, 4, 5],
])('matches tf.layers lstm → repeatVector → lstm → timeDistributed(dense) (N=%i T=%i D=%i H=%i Hd=%i)', (N, T, D, H, Hd) => {
  const [x, p] = [random.tensor3(N, T, D), params(D, H, Hd)];
  const got = noLeaks(() => ref.lstmAutoencoderForward(x, p));
  const want = layersAutoencoder(x, p);
  expectClose('code', got.code, want.code, { atol: 1e-5, rtol: 0 });
  expectClose('recon', got.recon, want.recon, { atol: 1e-5, rtol: 0 });
});

test('the reference equals the float64 solution (exercise 04’s lstmForward twice)', () => {
  const [x, p] = [random.tensor3(2, 4, 3), params(3, 2, 3)];
  const got = ref.lstmAutoencoderForward(x, p);
  const own = float64.lstmAutoencoderForward(x, p);
  expectClose('code', own.code, got.code);
  expectClose('recon', own.recon, got.recon);
});

test('weights that do not fit are RangeErrors', () => {
  const [x, p] = [random.tensor3(1, 3, 2), params(2, 3, 2)];
  noLeaks(() => expect(() => ref.lstmAutoencoderForward(random.tensor3(1, 3, 3), p)).toThrow(RangeError));
  noLeaks(() => expect(() => ref.lstmAutoencoderForward(x, { ...p, Wy: p.Wy.slice(1) })).toThrow(RangeError));
  noLeaks(() => expect(() => ref.lstmAutoencoderForward(x, { ...p, decoder: params(2, 2, 2).decoder })).toThrow(RangeError));
});
