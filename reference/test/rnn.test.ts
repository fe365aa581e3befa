import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';
import { initBackend } from '../backend.ts';
import { rnnForward } from '../rnn.ts';

test('smoke', async () => {
  const b = await initBackend();
  const before = tf.memory().numTensors;
  const { h } = rnnForward([[[1, 2]]], [[0]], [[0.5], [0.1]], [[0.3]], [0.1]);
  expect(h[0]![0]![0]).toBeCloseTo(Math.tanh(0.8));
  expect(tf.memory().numTensors).toBe(before);
  console.log(b.name, tf.getBackend());
});
