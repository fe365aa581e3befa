/**
 * Reference for 15-autoencoders: the dense autoencoder (relu code, sigmoid reconstruction), its losses, the
 * denoising input, the sparsity penalty and the VAE's two terms, in tfjs-core ops (float32).
 *
 * The noise draws come from the generator students get as exercises/shared/random.ts, through the grader's
 * copy (grader/runtime/shared/), which their edits never reach: they are inputs (both sides must see the same
 * z), not answers. In float32, 1 − 1e-7 rounds to 1 − 1.19e-7, so a reconstruction of exactly 1 with target 0
 * costs 15.94 here instead of 16.12 in float64: the suites test that edge in float64.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DenseAutoencoderParams } from '../exercises/15-autoencoders/autoencoders.ts';
import { seededUniform, standardNormal } from '../grader/runtime/shared/random.ts';
import type { Matrix } from '../grader/runtime/shared/types.ts';
import { gradients, read } from './convert.ts';

const BCE_EPSILON = 1e-7;

/** Throws a RangeError unless the two matrices have the same shape. */
function expectSameShape(a: Matrix, b: Matrix, what: string): void {
  if (a.length !== b.length || a.some((row, n) => row.length !== b[n]?.length)) throw new RangeError(`${what} must have the same shape`);
}

/** relu(x · We + be), then σ(code · Wd + bd), on tensors. */
function forward(x: tf.Tensor2D, { encoder, decoder }: DenseAutoencoderParams): { code: tf.Tensor2D; recon: tf.Tensor2D } {
  if (encoder.W.length !== x.shape[1]) throw new RangeError(`encoder.W must have D = ${x.shape[1]} rows, got ${encoder.W.length}`);
  if (decoder.W.length !== encoder.b.length || decoder.b.length !== x.shape[1]) throw new RangeError('decoder.W must be [K][D] and decoder.b [D]');
  const code = tf.relu(tf.add(tf.matMul(x, tf.tensor2d(encoder.W)), tf.tensor1d(encoder.b))) as tf.Tensor2D;
  const recon = tf.sigmoid(tf.add(tf.matMul(code, tf.tensor2d(decoder.W)), tf.tensor1d(decoder.b))) as tf.Tensor2D;
  return { code, recon };
}

const mse = (recon: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar => tf.mean(tf.square(tf.sub(recon, target)));

export function denseAutoencoderForward(x: Matrix, params: DenseAutoencoderParams): { code: Matrix; recon: Matrix } {
  return read(() => forward(tf.tensor2d(x), params));
}

export function mseLoss(recon: Matrix, target: Matrix): number {
  expectSameShape(recon, target, 'recon and target');
  return read(() => ({ loss: mse(tf.tensor2d(recon), tf.tensor2d(target)) })).loss;
}

export function bceLoss(recon: Matrix, target: Matrix): number {
  expectSameShape(recon, target, 'recon and target');
  return read(() => {
    const r = tf.clipByValue(tf.tensor2d(recon), BCE_EPSILON, 1 - BCE_EPSILON);
    const t = tf.tensor2d(target);
    return { loss: tf.neg(tf.mean(tf.add(tf.mul(t, tf.log(r)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, r)))))) as tf.Scalar };
  }).loss;
}

/** The standard normal draws addGaussianNoise adds: one per entry of an [N][D] matrix, row by row, from `seed`. */
export function noiseDraws(N: number, D: number, seed: number): Matrix {
  const uniform = seededUniform(seed);
  return Array.from({ length: N }, () => Array.from({ length: D }, () => standardNormal(uniform)));
}

export function addGaussianNoise(x: Matrix, std: number, seed: number): Matrix {
  if (!(std >= 0)) throw new RangeError(`std must be a non-negative number, got ${std}`);
  const z = noiseDraws(x.length, x[0]?.length ?? 0, seed);
  return read(() => ({ noisy: tf.clipByValue(tf.add(tf.tensor2d(x), tf.mul(std, tf.tensor2d(z))), 0, 1) as tf.Tensor2D })).noisy;
}

export function denoisingLoss(params: DenseAutoencoderParams, clean: Matrix, noisy: Matrix): number {
  expectSameShape(clean, noisy, 'clean and noisy');
  return read(() => ({ loss: mse(forward(tf.tensor2d(noisy), params).recon, tf.tensor2d(clean)) })).loss;
}

export function l1SparsityPenalty(code: Matrix, lambda: number): number {
  return read(() => ({ penalty: tf.mul(lambda, tf.mean(tf.sum(tf.abs(tf.tensor2d(code)), 1))) as tf.Scalar })).penalty;
}

const reparameterize = (mu: tf.Tensor2D, logVar: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor2D => tf.add(mu, tf.mul(tf.exp(tf.div(logVar, 2)), eps));

export function vaeReparameterize(mu: Matrix, logVar: Matrix, eps: Matrix): Matrix {
  expectSameShape(mu, logVar, 'mu and logVar');
  expectSameShape(mu, eps, 'mu and eps');
  return read(() => ({ z: reparameterize(tf.tensor2d(mu), tf.tensor2d(logVar), tf.tensor2d(eps)) })).z;
}

/** The gradients of Σ upstream ⊙ z with respect to mu and logVar, by tfjs autodiff (ε held fixed). */
export function vaeReparameterizeGradients(mu: Matrix, logVar: Matrix, eps: Matrix, upstream: Matrix): { dMu: Matrix; dLogVar: Matrix } {
  return read(() => {
    const [dMu, dLogVar] = gradients((m, lv) => tf.sum(tf.mul(tf.tensor2d(upstream), reparameterize(m, lv, tf.tensor2d(eps)))), [tf.tensor2d(mu), tf.tensor2d(logVar)] as const);
    return { dMu, dLogVar };
  });
}

export function vaeKl(mu: Matrix, logVar: Matrix): number {
  expectSameShape(mu, logVar, 'mu and logVar');
  return read(() => {
    const [m, lv] = [tf.tensor2d(mu), tf.tensor2d(logVar)];
    const perRow = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, lv), tf.square(m)), tf.exp(lv)), 1));
    return { kl: tf.mean(perRow) as tf.Scalar };
  }).kl;
}
