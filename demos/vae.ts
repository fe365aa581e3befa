/**
 * Demo (exercise 15): a variational autoencoder on the optdigits digits with a 2-number latent space, so that
 * the latent space can be drawn. The encoder (64 → 128 ReLU → 2 + 2) gives each digit a Gaussian N(μ, e^logVar)
 * in the latent plane; a sample z of it, drawn with the reparameterisation trick z = μ + e^(logVar/2) ⊙ ε
 * (ε ~ N(0, I), so the gradient reaches μ and logVar), is decoded (2 → 128 ReLU → 64 sigmoid pixels). The loss
 * per digit is the reconstruction's binary cross-entropy summed over the pixels plus the KL divergence of
 * N(μ, e^logVar) from the prior N(0, I), which pulls the codes towards the prior: decoding z ~ N(0, I) then
 * draws new digits.
 *
 * It prints the held-out reconstruction error and KL, and compares the reconstructions from 2 numbers with
 * PCA's from 2 components; it draws digits decoded from prior samples and the held-out digits' μ coloured by
 * class. `--student` recomputes the held-out z with your vaeReparameterize (same μ, logVar, ε) and the KL with
 * your vaeKl, and compares them with the demo's.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { applyLayers, createDenseLayers, type DenseLayer } from './lib/dense-autoencoder.ts';
import { DIGIT_SIDE, digitSplit } from './lib/digits.ts';
import { largestDifference, meanSquaredError, relativeDifference, significant } from './lib/metrics.ts';
import { pcaBasis, pcaReconstruct } from './lib/pca.ts';
import { imageGrid, lineChart, scatter, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { epochCurves, finalTrainingLoss, trainEpochs } from './lib/train.ts';

type Student = typeof import('../exercises/15-autoencoders/autoencoders.ts');

const PIXELS = DIGIT_SIDE * DIGIT_SIDE;
const LATENT = 2;
const HIDDEN = 128;
const TRAINING = { full: { epochs: 40, batchSize: 64 }, quick: { epochs: 6, batchSize: 64 } };
/** Rows × columns of digits decoded from prior samples. */
const PRIOR_GRID = { rows: 4, columns: 10 };

export const demo: Demo = {
  name: 'vae',
  summary: `a variational autoencoder on optdigits with a ${LATENT}-D latent space: reconstruction error and KL, digits drawn from the prior, the latent map`,
  studentExercises: ['15-autoencoders'],
  run,
};

/** encoder: 64 → HIDDEN → [μ; logVar] (2·LATENT, linear); decoder: LATENT → HIDDEN → 64 pixel logits. */
interface Vae {
  encoder: DenseLayer[];
  decoder: DenseLayer[];
}

/** μ, logVar [N][LATENT] of a batch of digits [N][64]. */
function encodeGaussians(vae: Vae, x: tf.Tensor): { mu: tf.Tensor2D; logVar: tf.Tensor2D } {
  const [mu, logVar] = tf.split(applyLayers(vae.encoder, x) as tf.Tensor2D, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  return { mu, logVar };
}

/** The reparameterisation trick (exercise 15's vaeReparameterize): a sample of N(μ, e^logVar) that is differentiable in μ and logVar. */
const sampleLatent = (mu: tf.Tensor2D, logVar: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor2D => tf.add(mu, tf.mul(eps, tf.exp(tf.mul(logVar, 0.5)))) as tf.Tensor2D;

/** KL(N(μ, e^logVar) ‖ N(0, I)) of each row, mean over the rows (exercise 15's vaeKl). */
const meanKl = (mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Scalar => tf.mean(tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)), 1)));

/** Binary cross-entropy of pixel logits against pixels in [0, 1], summed over each row's pixels, mean over rows. */
const meanBce = (logits: tf.Tensor, targets: tf.Tensor): tf.Scalar => tf.mean(tf.sum(tf.sub(tf.softplus(logits), tf.mul(targets, logits)), 1));

/** The terms of the loss on digits x [N][64] with noise ε [N][LATENT] (tensors). */
function vaeTerms(vae: Vae, x: tf.Tensor2D, eps: tf.Tensor2D) {
  const { mu, logVar } = encodeGaussians(vae, x);
  const logits = applyLayers(vae.decoder, sampleLatent(mu, logVar, eps));
  return { reconstruction: meanBce(logits, x), kl: meanKl(mu, logVar), mu, logVar, logits };
}

const decodePixels = (vae: Vae, z: tf.Tensor2D): number[][] => tf.tidy(() => tf.sigmoid(applyLayers(vae.decoder, z)).arraySync() as number[][]);

async function run(options: DemoOptions): Promise<DemoResult> {
  const student = options.student ? await loadStudentExercise<Student>('15-autoencoders', ['vaeReparameterize', 'vaeKl']) : undefined;
  const { train, heldOut } = digitSplit(options.seed);
  const trainRows = train.map((d) => d.pixels);
  const heldOutRows = heldOut.map((d) => d.pixels);
  const encoder = createDenseLayers(PIXELS, [{ units: HIDDEN, activation: 'relu' }, { units: 2 * LATENT, activation: 'linear' }], options.seed);
  const decoder = createDenseLayers(LATENT, [{ units: HIDDEN, activation: 'relu' }, { units: PIXELS, activation: 'linear' }], options.seed + 2);
  const vae: Vae = { encoder, decoder };
  const noiseSeed = (i: number) => options.seed * 1_000_000 + i; // seed 0: the held-out noise; step i: i + 1
  const heldOutX = tf.tensor2d(heldOutRows);
  const heldOutEps = tf.randomNormal([heldOutRows.length, LATENT], 0, 1, 'float32', noiseSeed(0)) as tf.Tensor2D;
  try {
    const heldOutLoss = () => tf.tidy(() => {
      const { reconstruction, kl } = vaeTerms(vae, heldOutX, heldOutEps);
      return tf.add(reconstruction, kl).dataSync()[0]!;
    });
    const history = await trainEpochs({
      label: 'vae',
      rows: trainRows,
      ...(options.quick ? TRAINING.quick : TRAINING.full),
      learningRate: 0.003,
      seed: options.seed,
      log: options.log,
      variables: [...encoder, ...decoder].flatMap((l) => [l.W, l.b]),
      batchLoss: (batch, step) => {
        const { reconstruction, kl } = vaeTerms(vae, batch, tf.randomNormal([batch.shape[0], LATENT], 0, 1, 'float32', noiseSeed(step + 1)));
        return tf.add(reconstruction, kl);
      },
      heldOutLoss,
    });

    const held = tf.tidy(() => {
      const terms = vaeTerms(vae, heldOutX, heldOutEps);
      const z = sampleLatent(terms.mu, terms.logVar, heldOutEps);
      return {
        reconstruction: terms.reconstruction.dataSync()[0]!,
        kl: terms.kl.dataSync()[0]!,
        mu: terms.mu.arraySync(),
        logVar: terms.logVar.arraySync(),
        z: z.arraySync(),
        // The decoder's picture of each digit's mean code: the reconstruction without sampling noise.
        recon: tf.sigmoid(applyLayers(vae.decoder, terms.mu)).arraySync() as number[][],
      };
    });
    const pcaMse = meanSquaredError(pcaReconstruct(pcaBasis(trainRows, LATENT), heldOutRows), heldOutRows);
    const metrics: DemoResult['metrics'] = {
      'held-out reconstruction (BCE, nats per digit)': significant(held.reconstruction),
      'held-out KL (nats per digit)': significant(held.kl),
      'held-out MSE per pixel, decoded from μ': significant(meanSquaredError(held.recon, heldOutRows)),
      [`PCA (${LATENT} components) held-out MSE`]: significant(pcaMse),
      'first epoch held-out loss': significant(history.heldOut[0]!),
    };
    if (student) {
      const eps = heldOutEps.arraySync();
      const z = largestDifference(student.vaeReparameterize(held.mu, held.logVar, eps), held.z);
      const kl = student.vaeKl(held.mu, held.logVar);
      metrics['max |your z − tfjs z| (vaeReparameterize)'] = z.value.toExponential(2);
      metrics['your held-out KL (vaeKl)'] = significant(kl);
      Object.assign(
        metrics,
        studentVerdict({ fn: 'vaeReparameterize', exercise: '15-autoencoders', difference: z.value, tolerance: 1e-5, where: `held-out digit ${z.at[0]! + 1}, latent ${z.at[1]! + 1}` }),
        studentVerdict({ fn: 'vaeKl', exercise: '15-autoencoders', difference: relativeDifference(kl, held.kl), tolerance: 1e-3, relative: true }),
      );
    }

    const priorZ = tf.randomNormal([PRIOR_GRID.rows * PRIOR_GRID.columns, LATENT], 0, 1, 'float32', options.seed) as tf.Tensor2D;
    const samples = decodePixels(vae, priorZ);
    priorZ.dispose();
    const curves = epochCurves(history);
    const plots = [
      await writePlot(options.plotDir, 'vae-prior-samples', imageGrid({
        title: `Digits decoded from ${samples.length} samples z ~ N(0, I) of the prior`,
        width: DIGIT_SIDE,
        height: DIGIT_SIDE,
        rows: Array.from({ length: PRIOR_GRID.rows }, (_, r) => ({ label: `samples ${r * PRIOR_GRID.columns + 1}–${(r + 1) * PRIOR_GRID.columns}`, images: samples.slice(r * PRIOR_GRID.columns, (r + 1) * PRIOR_GRID.columns) })),
      })),
      await writePlot(options.plotDir, 'vae-latent-map', scatter({
        title: 'Held-out digits in the latent plane (μ of each), coloured by digit',
        x: 'z₁',
        y: 'z₂',
        // Sorted by digit, so that the legend lists 0 … 9 in order.
        points: held.mu.map(([x, y], n) => ({ x: x!, y: y!, label: '', group: String(heldOut[n]!.label) })).sort((a, b) => a.group.localeCompare(b.group)),
      })),
      await writePlot(options.plotDir, 'vae-loss', lineChart({
        title: 'VAE loss per digit (reconstruction BCE + KL, nats)',
        x: 'epoch',
        y: 'loss',
        series: { training: curves.training, 'held-out': curves.heldOut },
        xs: curves.heldOut.map((_, e) => e + 1),
        zeroY: false,
      })),
    ];
    return { ...finalTrainingLoss(history.steps), metrics, plots };
  } finally {
    tf.dispose([heldOutX, heldOutEps, ...[...encoder, ...decoder].flatMap((l) => [l.W, l.b])]);
  }
}
