/**
 * Demo (exercise 15): a sparse autoencoder on the optdigits digits, exercise 15's layout with an overcomplete
 * code (64 pixels → 64 ReLU code units → 64 sigmoid pixels), trained on MSE per pixel + λ · the L1 penalty
 * (1/N) Σ_n Σ_j |code_nj|, once for each λ of a sweep. As λ grows the code gets sparser (fewer units fire, and
 * more weakly, per digit) and the reconstruction gets worse: the penalty trades error for sparsity. Without it
 * the code could simply copy the pixels.
 *
 * For each λ it prints the held-out mean activation of a code unit, the fraction of units active (> 0) per digit
 * and the held-out MSE; at the largest λ every unit dies and the decoder gives back the mean digit. `--student` computes each λ's held-out penalty with your l1SparsityPenalty on the
 * trained codes and compares it with the demo's.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { autoencoderForward, autoencoderLayout, createAutoencoder, disposeAutoencoder, reconstruct, trainAutoencoder } from './lib/dense-autoencoder.ts';
import { DIGIT_SIDE, digitSplit, oneOfEachClass } from './lib/digits.ts';
import { meanSquaredError, relativeDifference, significant } from './lib/metrics.ts';
import { barChart, imageGrid, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';

type Student = typeof import('../exercises/15-autoencoders/autoencoders.ts');

const PIXELS = DIGIT_SIDE * DIGIT_SIDE;
const CODE_SIZE = 64;
const LAMBDAS = [0, 0.0001, 0.0003, 0.001, 0.003, 0.01];
const TRAINING = { full: { epochs: 30, batchSize: 64 }, quick: { epochs: 2, batchSize: 64 } };

export const demo: Demo = {
  name: 'sparse-autoencoder',
  summary: `a sparse autoencoder on optdigits (64 → ${CODE_SIZE} ReLU → 64) for λ = ${LAMBDAS.join(', ')}: mean code activation and reconstruction error as the L1 weight grows`,
  studentExercises: ['15-autoencoders'],
  run,
};

/** λ · (1/N) Σ_n Σ_j |code_nj| on a code tensor [N][K] (exercise 15's l1SparsityPenalty). */
const l1Penalty = (code: tf.Tensor, lambda: number): tf.Scalar => tf.mul(tf.mean(tf.sum(tf.abs(code), 1)), lambda);

/** What one λ's model did on the held-out digits. */
interface SweepPoint {
  lambda: number;
  /** Mean over digits and units of the code's activation. */
  meanActivation: number;
  /** Mean over digits of the fraction of code units that are > 0. */
  activeFraction: number;
  mse: number;
  /** The held-out penalty λ · (1/N) Σ|code| by tfjs, and the codes [N][K] it came from. */
  penalty: number;
  code: number[][];
  recon: number[][];
}

async function run(options: DemoOptions): Promise<DemoResult> {
  const student = options.student ? await loadStudentExercise<Student>('15-autoencoders', ['l1SparsityPenalty']) : undefined;
  const { train, heldOut } = digitSplit(options.seed);
  const trainRows = train.map((d) => d.pixels);
  const heldOutRows = heldOut.map((d) => d.pixels);
  const sweep: SweepPoint[] = [];
  for (const lambda of LAMBDAS) {
    const model = createAutoencoder(PIXELS, autoencoderLayout(PIXELS, CODE_SIZE), options.seed);
    try {
      await trainAutoencoder(model, {
        label: `sparse λ=${lambda}`,
        rows: trainRows,
        heldOut: { inputs: heldOutRows, targets: heldOutRows },
        ...(options.quick ? TRAINING.quick : TRAINING.full),
        learningRate: 0.003,
        seed: options.seed,
        log: options.log,
        codePenalty: (code) => l1Penalty(code, lambda),
      });
      const { code, meanActivation, activeFraction, penalty } = tf.tidy(() => {
        const codes = autoencoderForward(model, tf.tensor2d(heldOutRows)).code;
        return {
          code: codes.arraySync() as number[][],
          meanActivation: tf.mean(codes).dataSync()[0]!,
          activeFraction: tf.mean(tf.cast(tf.greater(codes, 0), 'float32')).dataSync()[0]!,
          penalty: l1Penalty(codes, lambda).dataSync()[0]!,
        };
      });
      const recon = reconstruct(model, heldOutRows);
      sweep.push({ lambda, meanActivation, activeFraction, mse: meanSquaredError(recon, heldOutRows), penalty, code, recon });
    } finally {
      disposeAutoencoder(model);
    }
  }

  const metrics: DemoResult['metrics'] = {};
  for (const point of sweep) {
    metrics[`λ = ${point.lambda}`] = `mean activation ${significant(point.meanActivation, 3)}, active units ${(100 * point.activeFraction).toFixed(0)} %, held-out MSE ${significant(point.mse, 3)}`;
  }
  if (student) {
    const differences = sweep.map((p) => relativeDifference(student.l1SparsityPenalty(p.code, p.lambda), p.penalty));
    const largest = Math.max(...differences);
    metrics['your l1SparsityPenalty vs tfjs: largest relative difference'] = largest.toExponential(2);
    Object.assign(metrics, studentVerdict({ fn: 'l1SparsityPenalty', exercise: '15-autoencoders', difference: largest, tolerance: 1e-4, relative: true, where: `λ = ${sweep[differences.indexOf(largest)]?.lambda}` }));
  }

  const category = (p: SweepPoint) => `λ = ${p.lambda}`;
  const shown = oneOfEachClass(heldOut).map((d) => heldOut.indexOf(d));
  const plots = [
    await writePlot(options.plotDir, 'sparse-autoencoder-sparsity', barChart({
      title: 'Held-out codes as the L1 weight λ grows',
      y: 'per code unit and digit',
      bars: sweep.flatMap((p) => [
        { category: category(p), series: 'mean activation', value: p.meanActivation },
        { category: category(p), series: 'fraction of units active', value: p.activeFraction },
      ]),
    })),
    await writePlot(options.plotDir, 'sparse-autoencoder-error', barChart({
      title: 'Held-out reconstruction error as the L1 weight λ grows',
      y: 'MSE per pixel',
      format: '.4f',
      bars: sweep.map((p) => ({ category: category(p), series: 'held-out MSE', value: p.mse })),
    })),
    await writePlot(options.plotDir, 'sparse-autoencoder-reconstructions', imageGrid({
      title: 'Held-out digits reconstructed by each λ’s model',
      width: DIGIT_SIDE,
      height: DIGIT_SIDE,
      rows: [{ label: 'original', images: shown.map((i) => heldOutRows[i]!) }, ...sweep.map((p) => ({ label: category(p), images: shown.map((i) => p.recon[i]!) }))],
    })),
  ];
  return { metrics, plots };
}
