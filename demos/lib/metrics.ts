/**
 * Reading predictions: argmax, accuracy over labels, token accuracy and exact match over sequences.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Index of the largest value (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** argmax along the last axis of a tensor of scores [..][V] → plain nested ids (one level less). */
export function argmaxLastAxis(scores: tf.Tensor): number[] | number[][] {
  return tf.tidy(() => tf.argMax(scores, -1)).arraySync() as number[] | number[][];
}

/** Fraction of positions where predicted equals expected (same length). */
export function accuracy(predicted: readonly number[], expected: readonly number[]): number {
  if (predicted.length !== expected.length) throw new Error(`accuracy: ${predicted.length} predictions for ${expected.length} labels`);
  return predicted.filter((p, i) => p === expected[i]).length / Math.max(1, expected.length);
}

/**
 * Sequence metrics: token accuracy = the fraction of expected tokens (over all sequences) that the prediction has
 * at the same position; exact match = the fraction of sequences predicted exactly (same tokens, same length).
 */
export function sequenceAccuracy(predicted: readonly (readonly string[])[], expected: readonly (readonly string[])[]): { tokenAccuracy: number; exactMatch: number } {
  let correct = 0;
  let total = 0;
  let exact = 0;
  expected.forEach((target, n) => {
    const guess = predicted[n]!;
    target.forEach((token, t) => (correct += guess[t] === token ? 1 : 0));
    total += target.length;
    exact += guess.length === target.length && target.every((token, t) => guess[t] === token) ? 1 : 0;
  });
  return { tokenAccuracy: correct / Math.max(1, total), exactMatch: exact / Math.max(1, expected.length) };
}
