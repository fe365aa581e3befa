/**
 * Reading predictions: argmax, accuracy over labels, token accuracy and exact match over sequences, mean squared and largest differences (and where).
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
  const ids = tf.argMax(scores, -1);
  try {
    return ids.arraySync() as number[] | number[][];
  } finally {
    ids.dispose();
  }
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

/** Mean squared difference per entry of two equally shaped matrices [N][D] (reconstruction error). */
export function meanSquaredError(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let sum = 0;
  let count = 0;
  a.forEach((row, n) => row.forEach((v, j) => {
    sum += (v - b[n]![j]!) ** 2;
    count++;
  }));
  return sum / Math.max(1, count);
}

/** The largest |a − b| over the entries of two equally shaped matrices (a student's output against tfjs's). */
export function maxAbsDifference(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  return largestDifference(a, b).value;
}

/** |a − b| / |b| (b = 0 counts as 1e-12): how far a student's single number is from the demo's. */
export function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}

/** Numbers nested to any depth: a vector, a matrix, a tensor [N][T][D]. */
export type Nested = number | readonly Nested[];

/**
 * The largest |a − b| over the entries of two equally shaped nested arrays, and where it is: `at` holds its
 * index on every axis (the first on ties; a NaN difference counts as the largest).
 */
export function largestDifference(a: Nested, b: Nested): { value: number; at: number[] } {
  let largest = { value: 0, at: [] as number[] };
  const visit = (x: Nested, y: Nested, at: number[]) => {
    if (typeof x === 'number') {
      const value = Math.abs(x - (y as number));
      if (value > largest.value || (Number.isNaN(value) && !Number.isNaN(largest.value))) largest = { value, at };
    } else x.forEach((item, i) => visit(item, (y as readonly Nested[])[i]!, [...at, i]));
  };
  visit(a, b, []);
  return largest;
}

/** `x` rounded to `digits` significant digits, for the metrics table. */
export const significant = (x: number, digits = 4): number => Number(x.toPrecision(digits));
