/**
 * Reference for 11-positional-encoding: PE[pos][2i] = sin(pos / 10000^(2i/D)), PE[pos][2i+1] = cos(same angle).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix, Tensor3 } from '../grader/runtime/shared/types.ts';
import { read } from './convert.ts';

function checkSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

/** The encoding as a tensor [T][D]: column j has frequency 10000^−(j − j mod 2)/D, sin on even j, cos on odd. */
export function encodingTensor(T: number, D: number): tf.Tensor2D {
  checkSize('T', T);
  checkSize('D', D);
  const pos = tf.reshape(tf.range(0, T, 1, 'float32'), [T, 1]);
  const j = tf.range(0, D, 1, 'float32');
  const parity = tf.mod(j, 2);
  const twoI = tf.sub(j, parity);
  const inverseFrequency = tf.pow(tf.scalar(10000), tf.neg(tf.div(twoI, D)));
  const angle = tf.mul(pos, tf.reshape(inverseFrequency, [1, D]));
  const even = tf.broadcastTo(tf.reshape(tf.equal(parity, 0), [1, D]), [T, D]);
  return tf.where(even, tf.sin(angle), tf.cos(angle)) as tf.Tensor2D;
}

export function sinusoidalEncoding(T: number, D: number): Matrix {
  return read(() => ({ pe: encodingTensor(T, D) })).pe;
}

export function addPositionalEncoding(x: Tensor3): Tensor3 {
  const T = x[0]!.length;
  const D = x[0]![0]!.length;
  return read(() => ({ out: tf.add(tf.tensor3d(x), encodingTensor(T, D)) as tf.Tensor3D })).out;
}
