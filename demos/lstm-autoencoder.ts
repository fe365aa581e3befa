/**
 * Demo (exercise 16): an LSTM autoencoder (Srivastava et al., 2015) squeezes a bouncing ball's whole
 * trajectory, 20 positions (40 numbers), into a code of 8 numbers, and unrolls the code back into the
 * trajectory: encoder LSTM → its last state is the code → the code is the input of a decoder LSTM at every step
 * → one dense layer per step gives the position (exercise 16's architecture, tf.layers, gates i, f, g, o).
 *
 * The data are datasets/bouncing-ball's positions, centred and scaled to [−0.5, 0.5]; the 32 training
 * trajectories are augmented by the square's 8 symmetries (256 trajectories, mini-batches of 64) (mirror x, mirror y, swap the axes), which keep a
 * bouncing ball a bouncing ball. Held-out trajectories are reconstructed and compared with two baselines:
 * staying at the mean position (2 numbers) and the least-squares straight line through time (4 numbers), which
 * fails at the bounces. `--student` reconstructs the held-out trajectories with your lstmAutoencoderForward on
 * the trained weights.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers calls chained methods (x.flatten()) that tfjs-core alone does not register.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadBouncingBall } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { batchStream, seededUniform, splitHeldOut } from './lib/batches.ts';
import { largestDifference } from './lib/metrics.ts';
import { lineChart, paths, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { adamStep, finalTrainingLoss, trainSteps } from './lib/train.ts';

type Student = typeof import('../exercises/16-lstm-autoencoder/lstm-autoencoder.ts');

const HELD_OUT_FRACTION = 0.2;
const SETTINGS = {
  full: { code: 8, decoder: 32, steps: 400, batchSize: 64, learningRate: 0.01 },
  quick: { code: 8, decoder: 8, steps: 30, batchSize: 64, learningRate: 0.02 },
};
/** Held-out trajectories drawn. */
const SHOWN = 3;

export const demo: Demo = {
  name: 'lstm-autoencoder',
  summary: 'an LSTM autoencoder squeezes a bouncing ball\'s trajectory (20 positions) into 8 numbers and back, against mean and straight-line baselines',
  studentExercises: ['16-lstm-autoencoder'],
  run,
};

/** The square's 8 symmetries on centred positions [x, y]: identity, mirrors, the swap of the axes and their products. */
const SYMMETRIES: ((p: readonly number[]) => number[])[] = [false, true].flatMap((swap) =>
  [1, -1].flatMap((sx) => [1, -1].map((sy) => ([x, y]: readonly number[]) => (swap ? [sx * y!, sy * x!] : [sx * x!, sy * y!]))),
);

/** encoder LSTM (code units, last state) → repeated T times → decoder LSTM (every state) → dense 2 per step. */
function createModel(steps: number, code: number, decoder: number, seed: number): tfl.LayersModel {
  const glorot = (offset: number) => tfl.initializers.glorotUniform({ seed: seed + offset });
  const lstm = (units: number, offset: number, returnSequences: boolean) =>
    tfl.layers.lstm({ units, returnSequences, recurrentActivation: 'sigmoid', kernelInitializer: glorot(offset), recurrentInitializer: glorot(offset + 1) });
  const trajectory = tfl.input({ shape: [steps, 2] });
  const codeState = lstm(code, 0, false).apply(trajectory) as tfl.SymbolicTensor;
  const repeated = tfl.layers.repeatVector({ n: steps }).apply(codeState) as tfl.SymbolicTensor;
  const decoded = lstm(decoder, 2, true).apply(repeated) as tfl.SymbolicTensor;
  const positions = tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2, kernelInitializer: glorot(4) }) }).apply(decoded) as tfl.SymbolicTensor;
  return tfl.model({ inputs: trajectory, outputs: positions });
}

/** The least-squares line through time of each coordinate of a trajectory [T][2]: 4 numbers. */
function straightLine(trajectory: readonly number[][]): number[][] {
  const T = trajectory.length;
  const tMean = (T - 1) / 2;
  const tVar = trajectory.reduce((s, _, t) => s + (t - tMean) ** 2, 0);
  const [a, b] = [0, 1].map((axis) => {
    const mean = trajectory.reduce((s, p) => s + p[axis]!, 0) / T;
    const slope = trajectory.reduce((s, p, t) => s + (t - tMean) * (p[axis]! - mean), 0) / tVar;
    return (t: number) => mean + slope * (t - tMean);
  });
  return trajectory.map((_, t) => [a!(t), b!(t)]);
}

/** Mean distance between two sets of trajectories [N][T][2], in the units they are in. */
function meanDistance(a: readonly number[][][], b: readonly number[][][]): number {
  const distances = a.flatMap((trajectory, n) => trajectory.map(([x, y], t) => Math.hypot(x! - b[n]![t]![0]!, y! - b[n]![t]![1]!)));
  return distances.reduce((s, d) => s + d, 0) / distances.length;
}

async function run(options: DemoOptions): Promise<DemoResult> {
  const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student ? await loadStudentExercise<Student>('16-lstm-autoencoder', ['lstmAutoencoderForward']) : undefined;
  const ball = loadBouncingBall();
  const centred = ball.positions.map((trajectory) => trajectory.map(([x, y]) => [x! / ball.size - 0.5, y! / ball.size - 0.5]));
  const { train, heldOut } = splitHeldOut(centred, HELD_OUT_FRACTION, seededUniform(options.seed));
  const augmented = train.flatMap((trajectory) => SYMMETRIES.map((symmetry) => trajectory.map(symmetry)));
  const T = centred[0]!.length;
  const model = createModel(T, settings.code, settings.decoder, options.seed);
  try {
    const optimizer = tf.train.adam(settings.learningRate);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const nextBatch = batchStream(augmented, settings.batchSize, seededUniform(options.seed + 1));
    const loss = (batch: tf.Tensor3D) => tf.mean(tf.squaredDifference(model.apply(batch, { training: true }) as tf.Tensor, batch)) as tf.Scalar;
    const losses = await trainSteps({
      label: 'lstm-autoencoder',
      steps: settings.steps,
      log: options.log,
      step: () => tf.tidy(() => {
        const batch = tf.tensor3d(nextBatch());
        return adamStep(optimizer, () => loss(batch), variables);
      }),
    });
    optimizer.dispose();

    const recon = tf.tidy(() => (model.predict(tf.tensor3d(heldOut)) as tf.Tensor).arraySync() as number[][][]);
    const pixels = (trajectories: readonly number[][][]) => trajectories.map((trajectory) => trajectory.map(([x, y]) => [(x! + 0.5) * ball.size, (y! + 0.5) * ball.size]));
    const mean = heldOut.map((trajectory) => {
      const centre = [0, 1].map((axis) => trajectory.reduce((s, p) => s + p[axis]!, 0) / trajectory.length);
      return trajectory.map(() => centre);
    });
    const line = heldOut.map(straightLine);
    const error = (trajectories: number[][][]) => (meanDistance(trajectories, heldOut) * ball.size).toFixed(3);
    const metrics: DemoResult['metrics'] = {
      'held-out trajectories': heldOut.length,
      'training trajectories (with the 8 symmetries)': augmented.length,
      [`LSTM autoencoder (code of ${settings.code}): held-out mean error (px)`]: error(recon),
      'mean position (2 numbers): held-out mean error (px)': error(mean),
      'straight line (4 numbers): held-out mean error (px)': error(line),
      'training loss at the first step': losses[0]!.toExponential(2),
    };
    if (student) {
      const yours = student.lstmAutoencoderForward(heldOut, studentParams(model)).recon;
      const gap = largestDifference(yours, recon);
      metrics['max |your recon − tfjs recon| (px)'] = (gap.value * ball.size).toExponential(2);
      Object.assign(metrics, studentVerdict({ fn: 'lstmAutoencoderForward', exercise: '16-lstm-autoencoder', difference: gap.value * ball.size, tolerance: 1e-4, where: `held-out sequence ${gap.at[0]! + 1}, step ${gap.at[1]! + 1}` }));
    }

    const [truePx, reconPx, linePx] = [heldOut, recon, line].map(pixels);
    const plots = [
      await writePlot(options.plotDir, 'lstm-autoencoder-trajectories', paths({
        title: `Held-out trajectories and their reconstructions from ${settings.code} numbers`,
        x: 'x (pixels)',
        y: 'y (pixels)',
        domain: [0, ball.size],
        paths: heldOut.slice(0, SHOWN).flatMap((_, n) => [
          { panel: `held-out ${n + 1}`, series: 'true', points: truePx[n]! },
          { panel: `held-out ${n + 1}`, series: 'LSTM autoencoder', points: reconPx[n]! },
          { panel: `held-out ${n + 1}`, series: 'straight line', points: linePx[n]! },
        ]),
      })),
      await writePlot(options.plotDir, 'lstm-autoencoder-loss', lineChart({ title: 'Training loss (MSE of the centred, scaled positions)', x: 'training step', y: 'MSE', series: { training: losses }, logY: true })),
    ];
    return { ...finalTrainingLoss(losses), metrics, plots };
  } finally {
    model.dispose();
  }
}

/** The trained weights as exercise 16's LstmAutoencoderParams (tf.layers packs the gates i, f, c, o = i, f, g, o). */
function studentParams(model: tfl.LayersModel) {
  const [encoder, decoder] = model.layers.filter((layer) => layer.getClassName() === 'LSTM').map((layer) => {
    const [Wx, Wh, b] = layer.getWeights().map((w) => w.arraySync()) as [number[][], number[][], number[]];
    return { Wx, Wh, b };
  });
  const [Wy, by] = model.layers.at(-1)!.getWeights().map((w) => w.arraySync()) as [number[][], number[]];
  return { encoder: encoder!, decoder: decoder!, Wy, by };
}
