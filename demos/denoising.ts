/**
 * Demo (exercise 15): a denoising autoencoder on the optdigits digits (64 → 128 ReLU → a 32-number code →
 * 64 sigmoid pixels, Adam on the MSE per pixel). Each training batch is corrupted afresh with Gaussian noise
 * (σ = 0.4 on pixels in [0, 1], clipped back to [0, 1]) and the network is trained to give back the *clean*
 * digit, so it has to learn what digits look like rather than copy its input.
 *
 * The score is on held-out digits: MSE(noisy, clean), what the noise did, against MSE(reconstruction, clean),
 * what is left after denoising. `--student` trains exercise 15's layout (64 → relu code → 64, one layer each
 * way) on noise from your addGaussianNoise, and scores the trained weights on the held-out digits with your
 * denoisingLoss.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { autoencoderLayout, createAutoencoder, disposeAutoencoder, exerciseParams, reconstruct, trainAutoencoder } from './lib/dense-autoencoder.ts';
import { DIGIT_SIDE, digitSplit, oneOfEachClass } from './lib/digits.ts';
import { meanSquaredError, relativeDifference, significant } from './lib/metrics.ts';
import { imageGrid, lineChart, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { epochCurves, finalTrainingLoss } from './lib/train.ts';

type Student = typeof import('../exercises/15-autoencoders/autoencoders.ts');

const NOISE_STD = 0.4;
const PIXELS = DIGIT_SIDE * DIGIT_SIDE;
const CODE_SIZE = 32;
const HIDDEN = 128;
const TRAINING = { full: { epochs: 100, batchSize: 64 }, quick: { epochs: 6, batchSize: 64 } };

/** Noisy copies [N][D] of clean rows [N][D], drawn with `seed`. */
type Corrupt = (clean: tf.Tensor2D, seed: number) => tf.Tensor2D;

/** x + σ·ε, ε ~ N(0, 1) per pixel, clipped to [0, 1]. */
const gaussianNoise: Corrupt = (clean, seed) => tf.clipByValue(tf.add(clean, tf.randomNormal(clean.shape, 0, NOISE_STD, 'float32', seed)), 0, 1) as tf.Tensor2D;

export const demo: Demo = {
  name: 'denoising',
  summary: `a denoising autoencoder on optdigits (Gaussian noise σ = ${NOISE_STD}): noisy vs denoised error on held-out digits`,
  studentExercises: ['15-autoencoders'],
  run,
};

async function run(options: DemoOptions): Promise<DemoResult> {
  const student = options.student ? await loadStudentExercise<Student>('15-autoencoders', ['addGaussianNoise', 'denoisingLoss']) : undefined;
  const { train, heldOut } = digitSplit(options.seed);
  const trainRows = train.map((d) => d.pixels);
  const cleanHeldOut = heldOut.map((d) => d.pixels);
  // Seed 0 of the run's block of noise seeds is the held-out noise; training step i uses seed i + 1.
  const noiseSeed = (i: number) => options.seed * 1_000_000 + i;
  const corrupt: Corrupt = student ? (clean, seed) => tf.tensor2d(student.addGaussianNoise(clean.arraySync(), NOISE_STD, seed)) : gaussianNoise;
  const noisyHeldOut = tf.tidy(() => corrupt(tf.tensor2d(cleanHeldOut), noiseSeed(0)).arraySync());
  const model = createAutoencoder(PIXELS, autoencoderLayout(PIXELS, CODE_SIZE, student ? undefined : HIDDEN), options.seed);
  try {
    const history = await trainAutoencoder(model, {
      label: 'denoising',
      rows: trainRows,
      heldOut: { inputs: noisyHeldOut, targets: cleanHeldOut },
      ...(options.quick ? TRAINING.quick : TRAINING.full),
      learningRate: 0.003,
      seed: options.seed,
      log: options.log,
      corrupt: (batch, step) => corrupt(batch, noiseSeed(step + 1)),
    });
    const denoised = reconstruct(model, noisyHeldOut);
    const noisyMse = meanSquaredError(noisyHeldOut, cleanHeldOut);
    const denoisedMse = meanSquaredError(denoised, cleanHeldOut);

    const metrics: DemoResult['metrics'] = {
      'first step loss': significant(history.steps[0]!),
      'held-out MSE(noisy, clean)': significant(noisyMse),
      'held-out MSE(denoised, clean)': significant(denoisedMse),
    };
    if (student) {
      const loss = student.denoisingLoss(exerciseParams(model), cleanHeldOut, noisyHeldOut);
      metrics['your held-out denoisingLoss'] = significant(loss);
      Object.assign(metrics, studentVerdict({ fn: 'denoisingLoss', exercise: '15-autoencoders', difference: relativeDifference(loss, denoisedMse), tolerance: 1e-4, relative: true }));
    }

    const shown = oneOfEachClass(heldOut).map((d) => heldOut.indexOf(d));
    const curves = epochCurves(history);
    const plots = [
      await writePlot(
        options.plotDir,
        'denoising-reconstructions',
        imageGrid({
          title: `Held-out digits, with noise σ = ${NOISE_STD}, denoised`,
          width: DIGIT_SIDE,
          height: DIGIT_SIDE,
          rows: [
            { label: 'original', images: shown.map((i) => cleanHeldOut[i]!) },
            { label: 'noisy', images: shown.map((i) => noisyHeldOut[i]!) },
            { label: 'denoised', images: shown.map((i) => denoised[i]!) },
          ],
        }),
      ),
      await writePlot(
        options.plotDir,
        'denoising-loss',
        lineChart({
          title: 'Error against the clean digits (MSE per pixel)',
          x: 'epoch',
          y: 'MSE',
          series: { training: curves.training, 'held-out': curves.heldOut, 'noisy input, held-out': curves.heldOut.map(() => noisyMse) },
          xs: curves.heldOut.map((_, e) => e + 1),
          logY: true,
        }),
      ),
    ];
    return { ...finalTrainingLoss(history.steps), metrics, plots };
  } finally {
    disposeAutoencoder(model);
  }
}
