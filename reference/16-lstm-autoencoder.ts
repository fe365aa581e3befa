/**
 * Reference for 16-lstm-autoencoder: the LSTM of reference/04-lstm.ts as encoder (its last state is the code)
 * and as decoder (reading the code, repeated, at every step, from zero states), then one dense layer per step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LstmAutoencoderParams } from '../exercises/16-lstm-autoencoder/lstm-autoencoder.ts';
import type { Matrix, Tensor3 } from '../grader/runtime/shared/types.ts';
import { read, weightTensors } from './convert.ts';
import { lstmSteps } from './04-lstm.ts';

export function lstmAutoencoderForward(x: Tensor3, { encoder, decoder, Wy, by }: LstmAutoencoderParams): { code: Matrix; recon: Tensor3 } {
  const [N, T, D] = [x.length, x[0]?.length ?? 0, x[0]?.[0]?.length ?? 0];
  const [H, Hd] = [encoder.Wh.length, decoder.Wh.length];
  if (encoder.Wx.length !== D || decoder.Wx.length !== H || Wy.length !== Hd || by.length !== D) {
    throw new RangeError('the weights do not fit: encoder.Wx [D][4H], decoder.Wx [H][4Hd], Wy [Hd][D], by [D]');
  }
  return read(() => {
    const encoded = lstmSteps(tf.tensor3d(x), tf.zeros([N, H]), ...weightTensors(encoder.Wx, encoder.Wh, encoder.b)).h;
    const code = tf.squeeze<tf.Tensor2D>(tf.slice(encoded, [0, T - 1, 0], [-1, 1, -1]), [1]);
    const repeated = tf.tile(tf.expandDims(code, 1), [1, T, 1]) as tf.Tensor3D;
    const decoded = lstmSteps(repeated, tf.zeros([N, Hd]), ...weightTensors(decoder.Wx, decoder.Wh, decoder.b)).h;
    const recon = tf.reshape(tf.add(tf.matMul(tf.reshape(decoded, [N * T, Hd]), tf.tensor2d(Wy)), tf.tensor1d(by)), [N, T, D]) as tf.Tensor3D;
    return { code, recon };
  });
}
