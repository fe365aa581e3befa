/**
 * Shared by the reference tests: the tensor-leak check, and running a tfjs-layers recurrent layer as the
 * independent implementation the references are compared with.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RNN } from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import type { Matrix, Tensor3, Vector } from '../../grader/runtime/shared/types.ts';

/** Calls a reference function and checks it left no tensor behind. */
export function noLeaks<R>(call: () => R, what = 'tensors left behind by the reference'): R {
  const before = tf.memory().numTensors;
  const result = call();
  expect(tf.memory().numTensors, what).toBe(before);
  return result;
}

/**
 * Runs `layer` (built with returnSequences: true) on x from `initialState` with the weights [Wx, Wh, b], and
 * returns its outputs as plain arrays: the sequence, then the final states if it has returnState.
 * Create the layer with recurrentInitializer 'zeros': the default orthogonal initializer calls a chained
 * method (`.flatten()`) that tfjs-core alone does not register, and the initial weights are overwritten anyway.
 */
export function runLayerWithWeights(layer: RNN, x: Tensor3, initialState: Matrix[], [Wx, Wh, b]: [Matrix, Matrix, Vector]): [Tensor3, ...Matrix[]] {
  return tf.tidy(() => {
    const input = tf.tensor3d(x);
    const state = initialState.map((s) => tf.tensor2d(s));
    layer.apply(input, { initialState: state }); // builds the weights (build() alone builds them without the initial state and clashes later)
    layer.setWeights([tf.tensor2d(Wx), tf.tensor2d(Wh), tf.tensor1d(b)]);
    const outputs = [layer.apply(input, { initialState: state })].flat() as tf.Tensor[];
    const plain = outputs.map((t) => t.arraySync()) as [Tensor3, ...Matrix[]];
    layer.dispose(); // its weights are variables, which tf.tidy keeps
    return plain;
  });
}
