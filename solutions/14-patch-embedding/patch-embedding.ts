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
  // BEGIN SOLUTION hint: loop over the grid (r, c) row by row; patch (r, c) lists pixels (r·P + i, c·P + j) for i, then j, then every channel
  const H = images[0]?.length ?? 0;
  const W = images[0]?.[0]?.length ?? 0;
  if (!Number.isInteger(P) || P < 1) throw new RangeError(`the patch size P must be a positive integer, got ${P}`);
  if (H % P !== 0 || W % P !== 0) throw new RangeError(`the patch size P = ${P} must divide the image height H = ${H} and width W = ${W}`);
  return images.map((image) => {
    const patches: Matrix = [];
    for (let r = 0; r < H / P; r++) {
      for (let c = 0; c < W / P; c++) {
        const patch: Vector = [];
        for (let i = 0; i < P; i++) {
          for (let j = 0; j < P; j++) patch.push(...image[r * P + i]![c * P + j]!);
        }
        patches.push(patch);
      }
    }
    return patches;
  });
  // END SOLUTION
}

/**
 * patches: [N][M][K] (K = P·P·C), W: [K][E], b: [E] → [N][M][E]: every patch times W, plus b.
 * Throws a RangeError when W does not have K rows.
 */
export function patchEmbed(patches: Tensor3, W: Matrix, b: Vector): Tensor3 {
  // BEGIN SOLUTION hint: each image's patches form a matrix [M][K]: one matmul with W, then add b to every row
  const K = patches[0]?.[0]?.length ?? 0;
  if (W.length !== K) throw new RangeError(`W must have one row per patch entry: K = ${K} rows, got ${W.length}`);
  return patches.map((m) => addRow(matmul(m, W), b));
  // END SOLUTION
}

/**
 * images: [N][H][W][C] → tokens: [N][1 + M][E]: the class token, then the M patch embeddings (in patchify's
 * order), each plus its row of posEmbedding. Throws a RangeError when posEmbedding does not have 1 + M rows.
 */
export function vitTokens(images: Tensor4, { P, W, b, classToken, posEmbedding }: VitEmbeddingParams): Tensor3 {
  // BEGIN SOLUTION hint: patchify, patchEmbed, put classToken in front of each image's M embeddings, then add posEmbedding row by row
  const embedded = patchEmbed(patchify(images, P), W, b);
  const M = embedded[0]?.length ?? 0;
  if (posEmbedding.length !== 1 + M) {
    throw new RangeError(`posEmbedding must have 1 + M = ${1 + M} rows (the class token, then ${M} patches), got ${posEmbedding.length}`);
  }
  return embedded.map((tokens) => [classToken, ...tokens].map((token, t) => token.map((v, e) => v + posEmbedding[t]![e]!)));
  // END SOLUTION
}
