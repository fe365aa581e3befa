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
  throw new Error("TODO: implement denseAutoencoderForward. Hint: check the sizes first; then two dense layers with matmul and addRow: relu (Math.max(0, v)) after the first, sigmoid after the second");
}

/** The mean over all N·D entries of (recon − target)². recon, target: [N][D]. */
export function mseLoss(recon: Matrix, target: Matrix): number {
  throw new Error("TODO: implement mseLoss. Hint: expectSameShape first; sum the squared differences of every entry, divide by the number of entries");
}

/**
 * Binary cross-entropy, the mean over all N·D entries of −[t ln r + (1 − t) ln(1 − r)], with r = recon
 * clipped to [BCE_EPSILON, 1 − BCE_EPSILON]. recon, target: [N][D], targets in [0, 1].
 */
export function bceLoss(recon: Matrix, target: Matrix): number {
  throw new Error("TODO: implement bceLoss. Hint: clip each r with Math.min/Math.max before the logs; then the mean of −(t·ln r + (1 − t)·ln(1 − r)) over every entry");
}

/**
 * noisy = clip(x + std · z, 0, 1), z one standard normal per entry, drawn in row-major order with
 * `standardNormal(seededUniform(seed))` (one stream for the whole matrix). x: [N][D] → [N][D].
 * Throws a RangeError when std is negative.
 */
export function addGaussianNoise(x: Matrix, std: number, seed: number): Matrix {
  throw new Error("TODO: implement addGaussianNoise. Hint: const uniform = seededUniform(seed) once; then for every entry, row by row, v + std · standardNormal(uniform), clipped to [0, 1]");
}

/** A denoising autoencoder's loss: the MSE between the reconstruction of `noisy` and the `clean` input. */
export function denoisingLoss(params: DenseAutoencoderParams, clean: Matrix, noisy: Matrix): number {
  throw new Error("TODO: implement denoisingLoss. Hint: run the autoencoder on the noisy input; compare its recon with the clean one");
}

/** The sparse autoencoder's penalty λ · (1/N) Σ_n Σ_j |code[n][j]|: a sum over the K units, a mean over the N rows. */
export function l1SparsityPenalty(code: Matrix, lambda: number): number {
  throw new Error("TODO: implement l1SparsityPenalty. Hint: sum |v| over every entry, divide by the number of rows N (not by N·K), times lambda");
}

/** The reparameterisation trick z = mu + exp(logVar / 2) ⊙ eps. mu, logVar, eps: [N][K] → z: [N][K]. */
export function vaeReparameterize(mu: Matrix, logVar: Matrix, eps: Matrix): Matrix {
  throw new Error("TODO: implement vaeReparameterize. Hint: σ = exp(logVar / 2) (the standard deviation, not the variance); z = mu + σ ⊙ eps entry by entry");
}

/**
 * KL(N(mu, exp(logVar)) ‖ N(0, I)) of each row, averaged over the N rows:
 * mean_n −½ Σ_j (1 + logVar − mu² − exp(logVar)). mu, logVar: [N][K].
 */
export function vaeKl(mu: Matrix, logVar: Matrix): number {
  throw new Error("TODO: implement vaeKl. Hint: for each row, −½ times the sum over j of 1 + logVar − mu² − exp(logVar); then the mean over rows");
}
