/**
 * Exercise 15 — autoencoders: squeeze the input through a narrow code and rebuild it.
 *
 *   code  = relu(x · We + be)                     (encoder: [N][D] → [N][K], the bottleneck, K < D)
 *   recon = σ(code · Wd + bd)                     (decoder: [N][K] → [N][D], pixels in [0, 1])
 *   MSE = mean (recon − target)²    BCE = −mean [t ln r + (1 − t) ln(1 − r)],  r clipped to [1e-7, 1 − 1e-7]
 *   denoising:  noisy = clip(x + std·z, 0, 1),  loss = MSE(recon(noisy), x)       (the target is the CLEAN x)
 *   sparse:     λ · (1/N) Σ_n Σ_j |code[n][j]|
 *   VAE:        z = μ + exp(logσ² / 2) ⊙ ε,   KL = mean_n −½ Σ_j (1 + logσ² − μ² − exp(logσ²))
 *
 * Read README.md in this folder first; `npm run test:exercises -- 15` checks your work.
 */
import { addRow, mapMatrix, matmul, sigmoid } from '../shared/linalg.ts';
import { seededUniform, standardNormal } from '../shared/random.ts';
import type { Matrix, Vector } from '../shared/types.ts';

/** One dense layer: x · W + b. */
export interface DenseLayer {
  /** W: [inputs][outputs] */
  W: Matrix;
  /** b: [outputs] */
  b: Vector;
}

/** A one-hidden-layer autoencoder: D inputs, a code of K units. */
export interface DenseAutoencoderParams {
  /** encoder.W: [D][K], encoder.b: [K] */
  encoder: DenseLayer;
  /** decoder.W: [K][D], decoder.b: [D] */
  decoder: DenseLayer;
}

/** BCE clips the reconstruction to [BCE_EPSILON, 1 − BCE_EPSILON] so that ln never sees 0. */
export const BCE_EPSILON = 1e-7;

/** Given: throws a RangeError unless a and b are matrices of the same shape (`what` names them in the message). */
export function expectSameShape(a: Matrix, b: Matrix, what: string): void {
  const shape = (m: Matrix) => `[${m.length}][${m[0]?.length ?? 0}]`;
  if (a.length !== b.length || a.some((row, n) => row.length !== b[n]?.length)) throw new RangeError(`${what} must have the same shape, got ${shape(a)} and ${shape(b)}`);
}

/**
 * x: [N][D] → code: [N][K] = relu(x · We + be), recon: [N][D] = σ(code · Wd + bd).
 * Throws a RangeError when the weights do not fit x (We must have D rows, Wd K rows and D columns).
 */
export function denseAutoencoderForward(x: Matrix, { encoder, decoder }: DenseAutoencoderParams): { code: Matrix; recon: Matrix } {
  // BEGIN SOLUTION hint: check the sizes first; then two dense layers with matmul and addRow: relu (Math.max(0, v)) after the first, sigmoid after the second
  const D = x[0]?.length ?? 0;
  const K = encoder.b.length;
  if (encoder.W.length !== D) throw new RangeError(`encoder.W must have D = ${D} rows (one per input feature), got ${encoder.W.length}`);
  if (decoder.W.length !== K || decoder.b.length !== D) {
    throw new RangeError(`decoder.W must be [K][D] = [${K}][${D}] and decoder.b [D], got [${decoder.W.length}][${decoder.W[0]?.length ?? 0}] and [${decoder.b.length}]`);
  }
  const code = mapMatrix(addRow(matmul(x, encoder.W), encoder.b), (v) => Math.max(0, v));
  const recon = mapMatrix(addRow(matmul(code, decoder.W), decoder.b), sigmoid);
  return { code, recon };
  // END SOLUTION
}

/** The mean over all N·D entries of (recon − target)². recon, target: [N][D]. */
export function mseLoss(recon: Matrix, target: Matrix): number {
  // BEGIN SOLUTION hint: expectSameShape first; sum the squared differences of every entry, divide by the number of entries
  expectSameShape(recon, target, 'recon and target');
  const count = recon.length * (recon[0]?.length ?? 0);
  return recon.reduce((s, row, n) => s + row.reduce((t, r, j) => t + (r - target[n]![j]!) ** 2, 0), 0) / count;
  // END SOLUTION
}

/**
 * Binary cross-entropy, the mean over all N·D entries of −[t ln r + (1 − t) ln(1 − r)], with r = recon
 * clipped to [BCE_EPSILON, 1 − BCE_EPSILON]. recon, target: [N][D], targets in [0, 1].
 */
export function bceLoss(recon: Matrix, target: Matrix): number {
  // BEGIN SOLUTION hint: clip each r with Math.min/Math.max before the logs; then the mean of −(t·ln r + (1 − t)·ln(1 − r)) over every entry
  expectSameShape(recon, target, 'recon and target');
  const count = recon.length * (recon[0]?.length ?? 0);
  const entry = (r: number, t: number) => {
    const p = Math.min(1 - BCE_EPSILON, Math.max(BCE_EPSILON, r));
    return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
  };
  return recon.reduce((s, row, n) => s + row.reduce((u, r, j) => u + entry(r, target[n]![j]!), 0), 0) / count;
  // END SOLUTION
}

/**
 * noisy = clip(x + std · z, 0, 1), z one standard normal per entry, drawn in row-major order with
 * `standardNormal(seededUniform(seed))` (one stream for the whole matrix). x: [N][D] → [N][D].
 * Throws a RangeError when std is negative.
 */
export function addGaussianNoise(x: Matrix, std: number, seed: number): Matrix {
  // BEGIN SOLUTION hint: const uniform = seededUniform(seed) once; then for every entry, row by row, v + std · standardNormal(uniform), clipped to [0, 1]
  if (!(std >= 0)) throw new RangeError(`std must be a non-negative number, got ${std}`);
  const uniform = seededUniform(seed);
  return x.map((row) => row.map((v) => Math.min(1, Math.max(0, v + std * standardNormal(uniform)))));
  // END SOLUTION
}

/** A denoising autoencoder's loss: the MSE between the reconstruction of `noisy` and the `clean` input. */
export function denoisingLoss(params: DenseAutoencoderParams, clean: Matrix, noisy: Matrix): number {
  // BEGIN SOLUTION hint: run the autoencoder on the noisy input; compare its recon with the clean one
  return mseLoss(denseAutoencoderForward(noisy, params).recon, clean);
  // END SOLUTION
}

/** The sparse autoencoder's penalty λ · (1/N) Σ_n Σ_j |code[n][j]|: a sum over the K units, a mean over the N rows. */
export function l1SparsityPenalty(code: Matrix, lambda: number): number {
  // BEGIN SOLUTION hint: sum |v| over every entry, divide by the number of rows N (not by N·K), times lambda
  return (lambda * code.reduce((s, row) => s + row.reduce((t, v) => t + Math.abs(v), 0), 0)) / code.length;
  // END SOLUTION
}

/** The reparameterisation trick z = mu + exp(logVar / 2) ⊙ eps. mu, logVar, eps: [N][K] → z: [N][K]. */
export function vaeReparameterize(mu: Matrix, logVar: Matrix, eps: Matrix): Matrix {
  // BEGIN SOLUTION hint: σ = exp(logVar / 2) (the standard deviation, not the variance); z = mu + σ ⊙ eps entry by entry
  expectSameShape(mu, logVar, 'mu and logVar');
  expectSameShape(mu, eps, 'mu and eps');
  return mu.map((row, n) => row.map((m, j) => m + Math.exp(logVar[n]![j]! / 2) * eps[n]![j]!));
  // END SOLUTION
}

/**
 * KL(N(mu, exp(logVar)) ‖ N(0, I)) of each row, averaged over the N rows:
 * mean_n −½ Σ_j (1 + logVar − mu² − exp(logVar)). mu, logVar: [N][K].
 */
export function vaeKl(mu: Matrix, logVar: Matrix): number {
  // BEGIN SOLUTION hint: for each row, −½ times the sum over j of 1 + logVar − mu² − exp(logVar); then the mean over rows
  expectSameShape(mu, logVar, 'mu and logVar');
  const rowKl = mu.map((row, n) => -0.5 * row.reduce((s, m, j) => s + 1 + logVar[n]![j]! - m * m - Math.exp(logVar[n]![j]!), 0));
  return rowKl.reduce((s, v) => s + v, 0) / mu.length;
  // END SOLUTION
}
