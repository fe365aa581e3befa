/**
 * Exercise 14 — the Vision Transformer's input (Dosovitskiy et al., 2020, "An image is worth 16×16 words").
 *
 *   x ∈ ℝ^{H×W×C}  →  M = (H/P)(W/P) patches x_p^m ∈ ℝ^{P·P·C}      (cut, then flatten each patch)
 *   e^m = x_p^m · W + b                                               (one shared linear map: [P·P·C] → [E])
 *   z_0 = [x_class; e^1; …; e^M] + E_pos                              (a learned class token first, then
 *                                                                       a learned position row per token)
 *
 * Patch m = r·(W/P) + c is the P×P square whose top-left pixel is (r·P, c·P): patches run row by row over
 * the grid, and each is flattened in (row, col, channel) order, the layout of a [P][P][C] block read in order.
 * Read README.md in this folder first; `npm run test:exercises -- 14` checks your work.
 */
import { addRow, matmul } from '../shared/linalg.ts';
import type { Matrix, Tensor3, Tensor4, Vector } from '../shared/types.ts';

/** Everything `vitTokens` needs besides the images. E is the embedding width, M the number of patches. */
export interface VitEmbeddingParams {
  /** The patch size: every patch is P×P pixels. It must divide both H and W. */
  P: number;
  /** W: [P·P·C][E], the patch projection (shared by every patch) */
  W: Matrix;
  /** b: [E] */
  b: Vector;
  /** classToken: [E], the learned token put in front of the patches */
  classToken: Vector;
  /** posEmbedding: [1 + M][E]; row 0 is the class token's position, row 1 + m patch m's */
  posEmbedding: Matrix;
}

/**
 * images: [N][H][W][C], P a positive integer dividing H and W → [N][M][P·P·C] with M = (H/P)(W/P).
 * Throws a RangeError when P is not a positive integer or does not divide H and W.
 */
export function patchify(images: Tensor4, P: number): Tensor3 {
  throw new Error("TODO: implement patchify. Hint: loop over the grid (r, c) row by row; patch (r, c) lists pixels (r·P + i, c·P + j) for i, then j, then every channel");
}

/**
 * patches: [N][M][K] (K = P·P·C), W: [K][E], b: [E] → [N][M][E]: every patch times W, plus b.
 * Throws a RangeError when W does not have K rows.
 */
export function patchEmbed(patches: Tensor3, W: Matrix, b: Vector): Tensor3 {
  throw new Error("TODO: implement patchEmbed. Hint: each image's patches form a matrix [M][K]: one matmul with W, then add b to every row");
}

/**
 * images: [N][H][W][C] → tokens: [N][1 + M][E]: the class token, then the M patch embeddings (in patchify's
 * order), each plus its row of posEmbedding. Throws a RangeError when posEmbedding does not have 1 + M rows.
 */
export function vitTokens(images: Tensor4, { P, W, b, classToken, posEmbedding }: VitEmbeddingParams): Tensor3 {
  throw new Error("TODO: implement vitTokens. Hint: patchify, patchEmbed, put classToken in front of each image's M embeddings, then add posEmbedding row by row");
}
