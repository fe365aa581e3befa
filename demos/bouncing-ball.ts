/**
 * Demo (exercises 01 and 04): the lecture's "given the image of a ball, predict its next position", a
 * many-to-many regression on datasets/bouncing-ball. At each step a recurrent network reads the frame (12×12
 * pixels) and a dense layer turns its state into the ball's position at the next step; one frame shows where
 * the ball is, but only the state can know where it is going. A plain tanh RNN and an LSTM (tf.layers, gates
 * i, f, g, o) are trained on 32 sequences with Adam on the squared error, and scored on the 8 held-out ones.
 *
 * Baselines that read the true positions: "stay" (the next position is the current one) and "constant
 * velocity" (p_t + (p_t − p_{t−1})), which is exact except where the ball hits a wall. Errors are mean distances
 * in pixels from step 1 on (the velocity needs two positions). `--student` runs your lstmForward (04) on the
 * trained LSTM's weights and compares its predictions with the demo's.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers calls chained methods (x.flatten()) that tfjs-core alone does not register.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadBouncingBall } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { seededUniform, splitHeldOut } from './lib/batches.ts';
import { largestDifference } from './lib/metrics.ts';
import { lineChart, paths, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { adamStep, finalTrainingLoss, lossWindow, recentLoss, trainSteps } from './lib/train.ts';

type Student = typeof import('../exercises/04-lstm/lstm.ts');

const HELD_OUT_FRACTION = 0.2;
const SETTINGS = {
  full: { hidden: 32, steps: 400, learningRate: 0.01 },
  quick: { hidden: 8, steps: 30, learningRate: 0.02 },
};
const CELLS = ['RNN', 'LSTM'] as const;
type Cell = (typeof CELLS)[number];
/** Held-out sequences whose trajectories are drawn. */
const SHOWN = 3;

export const demo: Demo = {
  name: 'bouncing-ball',
  summary: 'an RNN and an LSTM read the frames of a bouncing ball and predict its next position, against "stay" and constant-velocity baselines',
  studentExercises: ['04-lstm'],
  run,
};

/** One sequence: frames [T][144] and positions [T][2] in pixels. */
interface Sequence {
  frames: number[][];
  positions: number[][];
}

/** The network's inputs, frames 0..T−2 [N][T−1][144], and targets, positions 1..T−1 scaled to [0, 1] [N][T−1][2]. */
function tensors(sequences: readonly Sequence[], size: number): { inputs: tf.Tensor3D; targets: tf.Tensor3D } {
  return {
    inputs: tf.tensor3d(sequences.map((s) => s.frames.slice(0, -1))),
    targets: tf.tensor3d(sequences.map((s) => s.positions.slice(1).map(([x, y]) => [x! / size, y! / size]))),
  };
}

/** frames [T][144] → cell (tanh RNN or LSTM, H units, every step's state) → dense → next position [T][2]. */
function createModel(cell: Cell, frameSize: number, hidden: number, seed: number): tfl.LayersModel {
  const glorot = (offset: number) => tfl.initializers.glorotUniform({ seed: seed + offset });
  const common = { units: hidden, returnSequences: true, kernelInitializer: glorot(0), recurrentInitializer: glorot(1) };
  const recurrent = cell === 'LSTM' ? tfl.layers.lstm({ ...common, recurrentActivation: 'sigmoid' }) : tfl.layers.simpleRNN({ ...common, activation: 'tanh' });
  const frames = tfl.input({ shape: [null, frameSize] });
  const states = recurrent.apply(frames) as tfl.SymbolicTensor;
  const next = tfl.layers.dense({ units: 2, kernelInitializer: glorot(2) }).apply(states) as tfl.SymbolicTensor;
  return tfl.model({ inputs: frames, outputs: next });
}

/** Mean distance in pixels between predicted and true positions [N][T][2], over steps from `from` on. */
function meanDistance(predicted: readonly number[][][], truth: readonly number[][][], from: number): number {
  const distances = truth.flatMap((sequence, n) => sequence.slice(from).map(([x, y], t) => Math.hypot(predicted[n]![t + from]![0]! - x!, predicted[n]![t + from]![1]! - y!)));
  return distances.reduce((s, d) => s + d, 0) / distances.length;
}

/** Mean distance in pixels at each step, over the sequences. */
function distanceByStep(predicted: readonly number[][][], truth: readonly number[][][]): number[] {
  return truth[0]!.map((_, t) => truth.reduce((s, sequence, n) => s + Math.hypot(predicted[n]![t]![0]! - sequence[t]![0]!, predicted[n]![t]![1]! - sequence[t]![1]!), 0) / truth.length);
}

async function run(options: DemoOptions): Promise<DemoResult> {
  const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student ? await loadStudentExercise<Student>('04-lstm', ['lstmForward']) : undefined;
  const ball = loadBouncingBall();
  const sequences: Sequence[] = ball.frames.map((frames, s) => ({ frames, positions: ball.positions[s]! }));
  const { train, heldOut } = splitHeldOut(sequences, HELD_OUT_FRACTION, seededUniform(options.seed));
  const trainData = tensors(train, ball.size);
  const heldOutData = tensors(heldOut, ball.size);
  // The positions each prediction is for: steps 1..T−1 of each held-out sequence, in pixels.
  const truth = heldOut.map((s) => s.positions.slice(1));
  const metrics: DemoResult['metrics'] = {};
  const predictions = {} as Record<Cell, number[][][]>;
  const losses = {} as Record<Cell, number[]>;
  let lstm: tfl.LayersModel | undefined;
  try {
    for (const cell of CELLS) {
      const model = createModel(cell, ball.size * ball.size, settings.hidden, options.seed);
      const optimizer = tf.train.adam(settings.learningRate);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const loss = () => tf.mean(tf.squaredDifference(model.apply(trainData.inputs, { training: true }) as tf.Tensor, trainData.targets)) as tf.Scalar;
      losses[cell] = await trainSteps({ label: `bouncing-ball ${cell}`, steps: settings.steps, log: options.log, step: () => adamStep(optimizer, loss, variables) });
      optimizer.dispose();
      predictions[cell] = tf.tidy(() => tf.mul(model.predict(heldOutData.inputs) as tf.Tensor, ball.size).arraySync() as number[][][]);
      if (cell === 'LSTM') lstm = model;
      else model.dispose();
    }
    // Baselines from the true positions: prediction for step t + 1 made at step t.
    const stay = heldOut.map((s) => s.positions.slice(0, -1));
    const constantVelocity = heldOut.map((s) => s.positions.slice(0, -1).map(([x, y], t) => (t === 0 ? [x!, y!] : [2 * x! - s.positions[t - 1]![0]!, 2 * y! - s.positions[t - 1]![1]!])));
    const models = { ...predictions, stay, 'constant velocity': constantVelocity } as Record<string, number[][][]>;
    for (const [name, predicted] of Object.entries(models)) metrics[`${name}: held-out mean error (px, steps 2–${truth[0]!.length})`] = meanDistance(predicted, truth, 1).toFixed(3);
    metrics['held-out sequences'] = heldOut.length;
    for (const cell of CELLS) {
      metrics[`${cell}: final training loss (mean of the last ${lossWindow(losses[cell].length)} batches, MSE, positions scaled to [0, 1])`] = recentLoss(losses[cell]).toExponential(2);
    }

    if (student && lstm) {
      const yours = studentPredictions(student, lstm, heldOut, ball.size);
      const gap = largestDifference(yours, predictions.LSTM);
      metrics['max |your lstmForward’s prediction − the LSTM’s| (px)'] = gap.value.toExponential(2);
      Object.assign(metrics, studentVerdict({ fn: 'lstmForward', exercise: '04-lstm', difference: gap.value, tolerance: 1e-4, where: `held-out sequence ${gap.at[0]! + 1}, step ${gap.at[1]! + 1}` }));
    }

    const plots = [
      await writePlot(options.plotDir, 'bouncing-ball-trajectories', paths({
        title: 'Held-out sequences: the true next positions and the networks’ predictions',
        x: 'x (pixels)',
        y: 'y (pixels)',
        domain: [0, ball.size],
        paths: heldOut.slice(0, SHOWN).flatMap((_, n) => [
          { panel: `held-out ${n + 1}`, series: 'true', points: truth[n]! },
          { panel: `held-out ${n + 1}`, series: 'LSTM', points: predictions.LSTM[n]! },
          { panel: `held-out ${n + 1}`, series: 'RNN', points: predictions.RNN[n]! },
        ]),
      })),
      await writePlot(options.plotDir, 'bouncing-ball-error', lineChart({
        title: 'Held-out error of the next position at each step',
        x: 'predicted step',
        y: 'mean distance (pixels)',
        series: Object.fromEntries(Object.entries(models).map(([name, predicted]) => [name, distanceByStep(predicted, truth)])),
        xs: truth[0]!.map((_, t) => t + 1),
      })),
      await writePlot(options.plotDir, 'bouncing-ball-loss', lineChart({ title: 'Training loss', x: 'training step', y: 'MSE (positions scaled to [0, 1])', series: losses, logY: true })),
    ];
    return { ...finalTrainingLoss(losses.LSTM), metrics, plots };
  } finally {
    lstm?.dispose();
    tf.dispose([trainData.inputs, trainData.targets, heldOutData.inputs, heldOutData.targets]);
  }
}

/** Your lstmForward over the held-out frames from h0 = 0 with the LSTM's Wx, Wh, b, then the dense layer → positions [N][T−1][2] in pixels. */
function studentPredictions(student: Student, model: tfl.LayersModel, sequences: readonly Sequence[], size: number): number[][][] {
  const lstmLayer = model.layers.find((layer) => layer.getClassName() === 'LSTM')!;
  const [Wx, Wh, b] = lstmLayer.getWeights().map((w) => w.arraySync()) as [number[][], number[][], number[]];
  const [Wy, by] = model.layers.at(-1)!.getWeights().map((w) => w.arraySync()) as [number[][], number[]];
  const x = sequences.map((s) => s.frames.slice(0, -1));
  const h0 = sequences.map(() => new Array<number>(Wh.length).fill(0));
  const { h } = student.lstmForward(x, h0, Wx, Wh, b);
  return tf.tidy(() => tf.mul(tf.add(tf.matMul(tf.tensor3d(h), tf.tensor2d(Wy)), tf.tensor1d(by)), size).arraySync() as number[][][]);
}
