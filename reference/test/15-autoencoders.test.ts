/**
 * Checks the 15-autoencoders reference on its own: the forward against tf.layers.dense, the losses against
 * tf.losses and float64 formulas, the noise against its definition, the VAE terms against their properties
 * (KL(0, 0) = 0, KL ≥ 0, the reparameterisation exact for a given ε, its autodiff gradients against
 * central differences and the closed form), and that a linear autoencoder trained with MSE on optdigits
 * finds the subspace of PCA (ml-pca).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { PCA } from 'ml-pca';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadOptdigits } from '../../datasets/index.ts';
import type { DenseAutoencoderParams } from '../../exercises/15-autoencoders/autoencoders.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import type { Matrix } from '../../grader/runtime/shared/types.ts';
import * as float64 from '../../solutions/15-autoencoders/autoencoders.ts';
import * as ref from '../15-autoencoders.ts';
import { initBackend } from '../backend.ts';
import { centralDifference, dot } from './central-difference.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(1515);
const [N, D, K] = [4, 6, 3];
const params = (): DenseAutoencoderParams => ({
  encoder: { W: random.matrix(D, K), b: random.vector(K, 0.5) },
  decoder: { W: random.matrix(K, D), b: random.vector(D, 0.5) },
});
const pixels = (rows: number, cols: number): Matrix => random.matrix(rows, cols, 0.5).map((row) => row.map((v) => v + 0.5));

/** tf.layers.dense(relu) → tf.layers.dense(sigmoid) with our weights: code and reconstruction. */
function layersAutoencoder(x: Matrix, { encoder, decoder }: DenseAutoencoderParams): { code: Matrix; recon: Matrix } {
  const enc = tfl.layers.dense({ units: encoder.b.length, activation: 'relu' });
  const dec = tfl.layers.dense({ units: decoder.b.length, activation: 'sigmoid' });
  const out = tf.tidy(() => {
    const input = tf.tensor2d(x);
    enc.apply(input); // builds the weights
    enc.setWeights([tf.tensor2d(encoder.W), tf.tensor1d(encoder.b)]);
    const code = enc.apply(input) as tf.Tensor2D;
    dec.apply(code);
    dec.setWeights([tf.tensor2d(decoder.W), tf.tensor1d(decoder.b)]);
    return { code: code.arraySync(), recon: (dec.apply(code) as tf.Tensor2D).arraySync() };
  });
  enc.dispose();
  dec.dispose();
  return out;
}

describe('dense autoencoder and losses', () => {
  test('the forward equals tf.layers.dense(relu) → tf.layers.dense(sigmoid) with the same weights', () => {
    const [x, p] = [pixels(N, D), params()];
    const got = noLeaks(() => ref.denseAutoencoderForward(x, p));
    const want = layersAutoencoder(x, p);
    expectClose('code', got.code, want.code, { atol: 1e-6 });
    expectClose('recon', got.recon, want.recon, { atol: 1e-6 });
    expectClose('float64 solution', float64.denseAutoencoderForward(x, p).recon, got.recon);
  });

  test('mseLoss equals tf.losses.meanSquaredError; bceLoss equals tf.losses.logLoss away from 0 and 1', () => {
    const [recon, target] = [pixels(N, D), pixels(N, D)];
    const tfLoss = (f: () => tf.Tensor) => tf.tidy(() => f().arraySync() as number);
    const mse = noLeaks(() => ref.mseLoss(recon, target));
    expectClose('mse', mse, tfLoss(() => tf.losses.meanSquaredError(tf.tensor2d(target), tf.tensor2d(recon))), { atol: 1e-6 });
    // logLoss adds ε inside the logs instead of clipping: the same number when recon stays away from 0 and 1.
    const bce = noLeaks(() => ref.bceLoss(recon, target));
    expectClose('bce', bce, tfLoss(() => tf.losses.logLoss(tf.tensor2d(target), tf.tensor2d(recon))), { atol: 1e-5 });
    expectClose('float64 mse', float64.mseLoss(recon, target), mse);
    expectClose('float64 bce', float64.bceLoss(recon, target), bce);
  });

  test('bceLoss clips recon to [1e-7, 1 − 1e-7]: saturated entries cost −ln(1e-7) (float64 solution)', () => {
    const loss = float64.bceLoss([[0, 1, 1, 0]], [[1, 0, 1, 0]]);
    expect(loss).toBeCloseTo((2 * -Math.log(1e-7) + 2 * -Math.log(1 - 1e-7)) / 4, 8);
    expect(Number.isFinite(noLeaks(() => ref.bceLoss([[0, 1]], [[1, 0]])))).toBe(true);
  });

  test('addGaussianNoise is clip(x + std·z, 0, 1) with z drawn row by row; std = 0 returns x', () => {
    const x = pixels(3, 5);
    const z = ref.noiseDraws(3, 5, 42);
    const noisy = noLeaks(() => ref.addGaussianNoise(x, 0.3, 42));
    expectClose('noisy', noisy, x.map((row, n) => row.map((v, j) => Math.min(1, Math.max(0, v + 0.3 * z[n]![j]!)))));
    expect(noisy.flat().some((v) => v === 0 || v === 1), 'std 0.3 on [0, 1] pixels clips some entries').toBe(true);
    expectClose('float64 solution', float64.addGaussianNoise(x, 0.3, 42), noisy);
    expectClose('std = 0', ref.addGaussianNoise(x, 0, 7), x);
    noLeaks(() => expect(() => ref.addGaussianNoise(x, -1, 7)).toThrow(RangeError));
  });

  test('denoisingLoss compares the reconstruction of the noisy input with the clean one', () => {
    const [clean, p] = [pixels(N, D), params()];
    const noisy = ref.addGaussianNoise(clean, 0.4, 3);
    const { recon } = ref.denseAutoencoderForward(noisy, p);
    const loss = noLeaks(() => ref.denoisingLoss(p, clean, noisy));
    expectClose('denoising loss', loss, ref.mseLoss(recon, clean), { atol: 1e-7 });
    expect(Math.abs(loss - ref.mseLoss(recon, noisy)), 'the noisy target gives another number').toBeGreaterThan(1e-3);
    expectClose('float64 solution', float64.denoisingLoss(p, clean, noisy), loss);
  });

  test('l1SparsityPenalty sums over the units and averages over the rows', () => {
    const code = random.matrix(N, K);
    const penalty = noLeaks(() => ref.l1SparsityPenalty(code, 0.1));
    expectClose('penalty', penalty, (0.1 * code.flat().reduce((s, v) => s + Math.abs(v), 0)) / N, { atol: 1e-7 });
    expectClose('float64 solution', float64.l1SparsityPenalty(code, 0.1), penalty);
  });
});

describe('variational autoencoder terms', () => {
  const [mu, logVar, eps] = [random.matrix(N, K), random.matrix(N, K), random.matrix(N, K)];

  test('vaeKl(0, 0) = 0, KL > 0 elsewhere, and the closed form per row', () => {
    const zeros = mu.map((row) => row.map(() => 0));
    expect(noLeaks(() => ref.vaeKl(zeros, zeros))).toBe(0);
    for (let trial = 0; trial < 5; trial++) expect(ref.vaeKl(random.matrix(N, K, 2), random.matrix(N, K, 2))).toBeGreaterThan(0);
    // One unit with σ² = e: KL = −½ (1 + 1 − μ² − e) = ½ (μ² + e − 2).
    expectClose('one unit', ref.vaeKl([[0.5]], [[1]]), 0.5 * (0.25 + Math.E - 2), { atol: 1e-6 });
    expectClose('float64 solution', float64.vaeKl(mu, logVar), ref.vaeKl(mu, logVar));
  });

  test('vaeReparameterize is exact for a given ε: ε = 0 gives μ, logVar = 0 gives μ + ε', () => {
    const z = noLeaks(() => ref.vaeReparameterize(mu, logVar, eps));
    expectClose('z', z, mu.map((row, n) => row.map((m, j) => m + Math.exp(logVar[n]![j]! / 2) * eps[n]![j]!)));
    expectClose('ε = 0', ref.vaeReparameterize(mu, logVar, eps.map((row) => row.map(() => 0))), mu);
    expectClose('logVar = 0', ref.vaeReparameterize(mu, logVar.map((row) => row.map(() => 0)), eps), mu.map((row, n) => row.map((m, j) => m + eps[n]![j]!)));
    expectClose('float64 solution', float64.vaeReparameterize(mu, logVar, eps), z);
  });

  test('the gradients of z with respect to μ and logVar: tf.grads = central differences = the closed form', () => {
    const upstream = random.matrix(N, K);
    const { dMu, dLogVar } = noLeaks(() => ref.vaeReparameterizeGradients(mu, logVar, eps, upstream));
    const numericMu = centralDifference((m: Matrix) => dot(upstream, float64.vaeReparameterize(m, logVar, eps)), mu);
    const numericLogVar = centralDifference((lv: Matrix) => dot(upstream, float64.vaeReparameterize(mu, lv, eps)), logVar);
    expectClose('dMu', dMu, numericMu, GRADIENT_TOLERANCE);
    expectClose('dLogVar', dLogVar, numericLogVar, GRADIENT_TOLERANCE);
    expectClose('dMu = upstream', dMu, upstream, GRADIENT_TOLERANCE);
    expectClose('dLogVar = upstream ⊙ ½ exp(logVar / 2) ⊙ ε', dLogVar, upstream.map((row, n) => row.map((u, j) => 0.5 * u * Math.exp(logVar[n]![j]! / 2) * eps[n]![j]!)), GRADIENT_TOLERANCE);
  });

  test('mismatched shapes are RangeErrors', () => {
    noLeaks(() => expect(() => ref.vaeKl(mu, logVar.slice(1))).toThrow(RangeError));
    noLeaks(() => expect(() => ref.vaeReparameterize(mu, logVar, eps.map((row) => row.slice(1)))).toThrow(RangeError));
    noLeaks(() => expect(() => ref.mseLoss(mu, eps.slice(1))).toThrow(RangeError));
    noLeaks(() => expect(() => ref.denseAutoencoderForward(random.matrix(2, D + 1), params())).toThrow(RangeError));
  });
});

describe('a linear autoencoder trained with MSE finds the PCA subspace (optdigits)', () => {
  const { images } = loadOptdigits();
  const width = images[0]!.length;
  const means = Array.from({ length: width }, (_, j) => images.reduce((s, row) => s + row[j]! / 16, 0) / images.length);
  const centred = images.map((row) => row.map((v, j) => v / 16 - means[j]!));
  const eigenvectors = new PCA(centred, { center: false }).getEigenvectors().to2DArray(); // columns, by decreasing variance

  /** The rows of m made orthonormal (Gram–Schmidt): a basis of the subspace they span. */
  function orthonormalRows(m: Matrix): Matrix {
    const basis: Matrix = [];
    for (const row of m) {
      let v = [...row];
      for (const q of basis) {
        const along = dot(v, q);
        v = v.map((a, i) => a - along * q[i]!);
      }
      const norm = Math.hypot(...v);
      basis.push(v.map((a) => a / norm));
    }
    return basis;
  }

  /** ‖P_A − P_B‖_F² / 2K for two K-dimensional subspaces given by orthonormal rows: 0 when equal, ≈ 1 − K/64 for a random pair. */
  function subspaceDistance(a: Matrix, b: Matrix): number {
    const overlap = a.reduce((s, qa) => s + b.reduce((t, qb) => t + dot(qa, qb) ** 2, 0), 0); // Σ cos² of the principal angles
    return (a.length - overlap) / a.length;
  }

  /** Trains recon = x · We · Wd (no biases, no activations: a linear autoencoder) with Adam on the MSE; returns Wd [K][64]. */
  function trainLinearAutoencoder(K: number, steps: number): Matrix {
    const init = makeRandom(K);
    // tidy disposes x and the variables' initial values; the variables and the optimizer are disposed by hand.
    return tf.tidy(() => {
      const x = tf.tensor2d(centred);
      const We = tf.variable(tf.tensor2d(init.matrix(width, K, 0.1)));
      const Wd = tf.variable(tf.tensor2d(init.matrix(K, width, 0.1)));
      const optimizer = tf.train.adam(0.02);
      for (let step = 0; step < steps; step++) optimizer.minimize(() => tf.mean(tf.square(tf.sub(tf.matMul(tf.matMul(x, We), Wd), x))));
      const decoder = Wd.arraySync();
      tf.dispose([We, Wd]);
      optimizer.dispose();
      return decoder;
    });
  }

  test.each([2, 3, 4])("K = %i: the decoder's rows span the top-K principal components", (K) => {
    const pcs = orthonormalRows(Array.from({ length: K }, (_, k) => eigenvectors.map((column) => column[k]!)));
    const learned = noLeaks(() => orthonormalRows(trainLinearAutoencoder(K, 300)));
    expect(subspaceDistance(learned, pcs)).toBeLessThan(0.01);
    // The tolerance separates: a random K-dimensional subspace is far away.
    expect(subspaceDistance(orthonormalRows(random.matrix(K, width)), pcs)).toBeGreaterThan(0.5);
  });
});
