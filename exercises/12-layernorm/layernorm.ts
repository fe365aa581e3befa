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
  throw new Error("TODO: implement layerNormForward. Hint: per row: the mean, then the mean of the squared deviations (divide by D), then x̂ = (x − μ) / √(σ² + ε)");
}

/**
 * dout: [N][D] (the upstream gradient of out) → dx: [N][D], dgamma: [D], dbeta: [D].
 */
export function layerNormBackward(dout: Matrix, cache: LayerNormCache): { dx: Matrix; dgamma: Vector; dbeta: Vector } {
  throw new Error("TODO: implement layerNormBackward. Hint: dbeta and dgamma sum over the rows; dx = invStd/D · (D·dx̂ − Σ dx̂ − x̂ · Σ dx̂ ⊙ x̂) per row, with dx̂ = dout ⊙ γ");
}

/**
 * Batch norm in training mode, for contrast: statistics per column (feature), over the N rows of the batch.
 * x: [N][D], gamma: [D], beta: [D] → out: [N][D].
 */
export function batchNormForward(x: Matrix, gamma: Vector, beta: Vector, eps = 1e-5): Matrix {
  throw new Error("TODO: implement batchNormForward. Hint: the same formula as layerNormForward, but the mean and the biased variance of column j run over the N rows");
}
