/**
 * The bag-of-words baseline: a text becomes the counts of its words over a vocabulary (order thrown away),
 * and a logistic regression p(1 | counts) = σ(counts · w + b) is trained on them with Adam (tfjs-core), full batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { oneHot2d } from './tensors.ts';
import { adamStep, trainSteps } from './train.ts';
import type { Vocabulary } from './vocab.ts';

/** Counts [V] of the vocabulary's words in `tokens` (tokens outside the vocabulary are not counted): the sum of their one-hot rows. */
export function wordCounts(tokens: readonly string[], vocab: Vocabulary): number[] {
  const known = tokens.map((token) => vocab.index[token]).filter((id) => id !== undefined);
  const V = vocab.tokens.length;
  return tf.tidy(() => Array.from(known.length ? tf.sum(oneHot2d(known, V), 0).dataSync() : new Float32Array(V)));
}

export interface LogisticRegression {
  /** w: [V] */
  w: number[];
  b: number;
}

/** Mean binary cross-entropy of logits z against labels y (both [N]): mean(softplus(z) − y·z), stable for any z. */
export function sigmoidCrossEntropy(logits: tf.Tensor1D, labels: readonly number[]): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.sub(tf.softplus(logits), tf.mul(tf.tensor1d([...labels]), logits))) as tf.Scalar);
}

/** Trains σ(x·w + b) on features [N][V] and labels [N] (0 or 1); returns the weights and each step's loss. */
export async function trainLogisticRegression(options: {
  label: string;
  features: readonly (readonly number[])[];
  labels: readonly number[];
  steps: number;
  learningRate: number;
  log: (line: string) => void;
}): Promise<{ model: LogisticRegression; losses: number[] }> {
  const V = options.features[0]!.length;
  const x = tf.tensor2d(options.features.map((row) => [...row]), [options.features.length, V]);
  const w = tf.variable(tf.zeros([V, 1]));
  const b = tf.variable(tf.zeros([1]));
  const optimizer = tf.train.adam(options.learningRate);
  try {
    const loss = () => sigmoidCrossEntropy(tf.reshape(tf.add(tf.matMul(x, w), b), [-1]) as tf.Tensor1D, options.labels);
    const losses = await trainSteps({ label: options.label, steps: options.steps, log: options.log, step: () => adamStep(optimizer, loss, [w, b]) });
    return { model: { w: Array.from(w.dataSync()), b: b.dataSync()[0]! }, losses };
  } finally {
    tf.dispose([x, w, b]);
    optimizer.dispose();
  }
}

/** p(1 | features) for each row. */
export function predictLogistic(model: LogisticRegression, features: readonly (readonly number[])[]): number[] {
  return features.map((row) => 1 / (1 + Math.exp(-(row.reduce((s, v, j) => s + v * model.w[j]!, 0) + model.b))));
}
