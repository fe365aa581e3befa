/**
 * The training loop every demo shares: `steps` optimisation steps behind the progress bar, with the loss of
 * each step recorded for the loss curve. A step is whatever the demo does (an Adam step over tf.variables,
 * `model.trainOnBatch` of a tf.layers model); `adamStep` is the usual one.
 */
import * as tf from '@tensorflow/tfjs-core';
import { trainingProgress } from './progress.ts';

/** Runs step(0) … step(steps − 1), each returning its training loss, and returns those losses in order. */
export async function trainSteps(options: {
  label: string;
  steps: number;
  log: (line: string) => void;
  step: (i: number) => number | Promise<number>;
}): Promise<number[]> {
  const progress = trainingProgress(options.label, options.steps, options.log);
  const losses: number[] = [];
  try {
    for (let i = 0; i < options.steps; i++) {
      losses.push(await options.step(i));
      progress.update(i + 1, losses[i]);
    }
  } finally {
    progress.stop();
  }
  return losses;
}

/** One optimiser step on `loss()` (a scalar) over `variables`; returns the loss before the step. */
export function adamStep(optimizer: tf.Optimizer, loss: () => tf.Scalar, variables: tf.Variable[]): number {
  const cost = optimizer.minimize(loss, true, variables)!;
  const value = cost.dataSync()[0]!;
  cost.dispose();
  return value;
}

/** Mean of the last `count` losses: a smoother "final loss" than the last noisy mini-batch. */
export function meanOfLast(losses: readonly number[], count: number): number {
  const tail = losses.slice(-count);
  return tail.reduce((s, v) => s + v, 0) / tail.length;
}
