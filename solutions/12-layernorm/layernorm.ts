/**
 * Exercise 12 — layer normalization (Ba et al., 2016), and batch normalization for contrast.
 *
 * Layer norm normalizes each row (one example's D features) with its own statistics:
 *   μ = (1/D) Σ_j x_j,   σ² = (1/D) Σ_j (x_j − μ)²   (biased: divide by D)
 *   x̂ = (x − μ) / √(σ² + ε),   out = γ ⊙ x̂ + β
 * Batch norm (training mode) uses the same formula down each column, over the N examples of the batch.
 * Read README.md in this folder first; `npm run test:exercises -- 12` checks your work.
 */
import type { LayerNormCache, Matrix, Vector } from '../shared/types.ts';

/**
 * x: [N][D], gamma: [D], beta: [D] → out: [N][D] (each row normalized, then scaled and shifted) and the cache.
 */
export function layerNormForward(
  x: Matrix,
  gamma: Vector,
  beta: Vector,
  eps = 1e-5,
): { out: Matrix; cache: LayerNormCache } {
  // BEGIN SOLUTION hint: per row: the mean, then the mean of the squared deviations (divide by D), then x̂ = (x − μ) / √(σ² + ε)
  const D = gamma.length;
  const mean = x.map((row) => row.reduce((s, v) => s + v, 0) / D);
  const variance = x.map((row, n) => row.reduce((s, v) => s + (v - mean[n]!) ** 2, 0) / D);
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const xHat = x.map((row, n) => row.map((v) => (v - mean[n]!) * invStd[n]!));
  const out = xHat.map((row) => row.map((v, j) => gamma[j]! * v + beta[j]!));
  return { out, cache: { x, gamma, eps, mean, invStd, xHat } };
  // END SOLUTION
}

/**
 * dout: [N][D] (the upstream gradient of out) → dx: [N][D], dgamma: [D], dbeta: [D].
 */
export function layerNormBackward(dout: Matrix, cache: LayerNormCache): { dx: Matrix; dgamma: Vector; dbeta: Vector } {
  // BEGIN SOLUTION hint: dbeta and dgamma sum over the rows; dx = invStd/D · (D·dx̂ − Σ dx̂ − x̂ · Σ dx̂ ⊙ x̂) per row, with dx̂ = dout ⊙ γ
  const { gamma, invStd, xHat } = cache;
  const D = gamma.length;
  const dbeta = gamma.map((_, j) => dout.reduce((s, row) => s + row[j]!, 0));
  const dgamma = gamma.map((_, j) => dout.reduce((s, row, n) => s + row[j]! * xHat[n]![j]!, 0));
  const dx = dout.map((row, n) => {
    const dxHat = row.map((v, j) => v * gamma[j]!);
    const sum = dxHat.reduce((s, v) => s + v, 0);
    const sumDotXHat = dxHat.reduce((s, v, j) => s + v * xHat[n]![j]!, 0);
    return dxHat.map((v, j) => (invStd[n]! / D) * (D * v - sum - xHat[n]![j]! * sumDotXHat));
  });
  return { dx, dgamma, dbeta };
  // END SOLUTION
}

/**
 * Batch norm in training mode, for contrast: statistics per column (feature), over the N rows of the batch.
 * x: [N][D], gamma: [D], beta: [D] → out: [N][D].
 */
export function batchNormForward(x: Matrix, gamma: Vector, beta: Vector, eps = 1e-5): Matrix {
  // BEGIN SOLUTION hint: the same formula as layerNormForward, but the mean and the biased variance of column j run over the N rows
  const N = x.length;
  const mean = gamma.map((_, j) => x.reduce((s, row) => s + row[j]!, 0) / N);
  const variance = gamma.map((_, j) => x.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / N);
  return x.map((row) => row.map((v, j) => (gamma[j]! * (v - mean[j]!)) / Math.sqrt(variance[j]! + eps) + beta[j]!));
  // END SOLUTION
}
