/**
 * The training loop every demo shares: `steps` optimisation steps behind the progress bar, with the loss of
 * each step recorded for the loss curve. The loss the progress line logs and the final loss a demo reports are
 * one quantity, `recentLoss`: the mean of the latest `lossWindow(steps)` training-batch losses. A step is whatever the demo does (an Adam step over tf.variables,
 * `model.trainOnBatch` of a tf.layers model); `adamStep` is the usual one. `trainEpochs` is the loop over
 * passes of shuffled mini-batches of rows that the autoencoder demos share.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchStream, seededUniform } from './batches.ts';
import { trainingProgress } from './progress.ts';

/** Runs step(0) … step(steps − 1), each returning its training loss, and returns those losses in order. */
export async function trainSteps(options: {
  label: string;
  steps: number;
  log: (line: string) => void;
  step: (i: number) => number | Promise<number>;
}): Promise<number[]> {
  const progress = trainingProgress(options.label, options.steps, options.log, `mean of the last ${lossWindow(options.steps)} batches`);
  const losses: number[] = [];
  try {
    for (let i = 0; i < options.steps; i++) {
      losses.push(await options.step(i));
      progress.update(i + 1, recentLoss(losses, options.steps));
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

/** Training losses of every step, and the held-out loss after every pass over the training rows. */
export interface EpochHistory {
  steps: number[];
  heldOut: number[];
}

/**
 * `epochs` passes of Adam over `rows` in shuffled mini-batches of `batchSize` (seeded), behind the progress bar:
 * `batchLoss(batch, step)` is the loss of training step `step` on its rows [B][D] (called inside a tf.tidy),
 * `heldOutLoss()` is evaluated after every pass.
 */
export async function trainEpochs(options: {
  label: string;
  rows: readonly number[][];
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  log: (line: string) => void;
  variables: tf.Variable[];
  batchLoss: (batch: tf.Tensor2D, step: number) => tf.Scalar;
  heldOutLoss: () => number;
}): Promise<EpochHistory> {
  const stepsPerEpoch = Math.max(1, Math.floor(options.rows.length / options.batchSize));
  const nextBatch = batchStream(options.rows, options.batchSize, seededUniform(options.seed));
  const optimizer = tf.train.adam(options.learningRate);
  const heldOut: number[] = [];
  try {
    const steps = await trainSteps({
      label: options.label,
      steps: options.epochs * stepsPerEpoch,
      log: options.log,
      step: (i) => {
        const loss = tf.tidy(() => {
          const batch = tf.tensor2d(nextBatch());
          return adamStep(optimizer, () => options.batchLoss(batch, i), options.variables);
        });
        if ((i + 1) % stepsPerEpoch === 0) heldOut.push(options.heldOutLoss());
        return loss;
      },
    });
    return { steps, heldOut };
  } finally {
    optimizer.dispose();
  }
}

/** The mean training loss of each pass next to the held-out loss after it (one point per epoch). */
export function epochCurves(history: EpochHistory): { training: number[]; heldOut: number[] } {
  const perEpoch = history.steps.length / history.heldOut.length;
  const training = history.heldOut.map((_, e) => history.steps.slice(e * perEpoch, (e + 1) * perEpoch).reduce((s, v) => s + v, 0) / perEpoch);
  return { training, heldOut: history.heldOut };
}

/** Mean of the last `count` losses: a smoother "final loss" than the last noisy mini-batch. */
export function meanOfLast(losses: readonly number[], count: number): number {
  const tail = losses.slice(-count);
  return tail.reduce((s, v) => s + v, 0) / tail.length;
}

/** How many of the latest training-batch losses the logged and the final loss average: a twentieth of a run of `steps`, 1 to 50. */
export function lossWindow(steps: number): number {
  return Math.min(50, Math.max(1, Math.round(steps / 20)));
}

/** The training loss a run of `steps` logs after `losses`: the mean of the latest lossWindow(steps) batch losses. */
export function recentLoss(losses: readonly number[], steps = losses.length): number {
  return meanOfLast(losses, lossWindow(steps));
}

/** A demo's final loss (DemoResult): the last loss its progress line logged for `losses`, and how many batches it averages. */
export function finalTrainingLoss(losses: readonly number[]): { finalLoss: number; finalLossBatches: number } {
  return { finalLoss: recentLoss(losses), finalLossBatches: lossWindow(losses.length) };
}
