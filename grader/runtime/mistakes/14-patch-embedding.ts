/**
 * 14-patch-embedding's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used): the wrong
 * orders, computed from the expected values alone (public and hidden suites).
 */
import type { Matrix } from '../shared/types.ts';
import type { Alternative } from '../diagnose.ts';

/** Every patch's entries moved: entry (i, j, ch) of a P×P×C patch, flattened (row, col, channel), goes to `to(i, j, ch)`. */
function movePatchEntries(patches: Matrix[], P: number, C: number, to: (i: number, j: number, ch: number) => number): Matrix[] {
  return patches.map((image) =>
    image.map((patch) => {
      const moved = new Array<number>(patch.length);
      patch.forEach((v, k) => (moved[to(Math.floor(k / (P * C)), Math.floor(k / C) % P, k % C)] = v));
      return moved;
    }),
  );
}

/**
 * patchify's classic wrong orders, from the expected patches [N][M][P·P·C] of a grid `gridCols` patches wide:
 * each patch flattened channel first or column by column, and the grid read column by column.
 */
export function patchOrderMistakes(patches: Matrix[], P: number, C: number, gridCols: number): Alternative[] {
  const gridRows = (patches[0]?.length ?? 0) / gridCols;
  return [
    {
      value: () => movePatchEntries(patches, P, C, (i, j, ch) => ch * P * P + i * P + j),
      diagnosis: 'Looks like each patch is flattened channel first, in (channel, row, col) order: the course flattens a patch in (row, col, channel) order, the order of its [P][P][C] pixels read row by row.',
    },
    {
      value: () => movePatchEntries(patches, P, C, (i, j, ch) => (j * P + i) * C + ch),
      diagnosis: 'Looks like each patch is flattened column by column: read a patch row by row, (row, col, channel), as the image is stored.',
    },
    {
      value: () => patches.map((image) => Array.from({ length: image.length }, (_, m) => image[(m % gridRows) * gridCols + Math.floor(m / gridRows)]!)),
      diagnosis: 'Looks like the patches are listed column by column over the grid: patch (r, c) is number r·(W/P) + c, row by row like words on a page.',
    },
  ];
}

/**
 * vitTokens' classic mistakes, from the expected tokens [N][1 + M][E] and the position embeddings [1 + M][E]:
 * the class token put last, the class token without its position row (patches shifted onto rows 0..M−1), no
 * position embedding at all.
 */
export function vitTokenMistakes(tokens: Matrix[], posEmbedding: Matrix): Alternative[] {
  const M = posEmbedding.length - 1;
  const content = tokens.map((image) => image.map((token, t) => token.map((v, e) => v - posEmbedding[t]![e]!)));
  /** Adds position row `rowOf(t)` to token t (none where it is undefined). */
  const withPositions = (image: Matrix, rowOf: (t: number) => number | undefined) =>
    image.map((token, t) => {
      const row = rowOf(t);
      return row === undefined ? token : token.map((v, e) => v + posEmbedding[row]![e]!);
    });
  return [
    {
      value: () => content.map((image) => withPositions([...image.slice(1), image[0]!], (t) => t)),
      diagnosis: 'Looks like the class token is appended after the patches: it comes first, tokens[n][0], and the patches follow in order.',
    },
    {
      value: () => content.map((image) => withPositions(image, (t) => (t === 0 ? undefined : t - 1))),
      diagnosis: `Looks like the class token gets no position row and patch m gets row m: posEmbedding has 1 + M = ${M + 1} rows, row 0 for the class token and row 1 + m for patch m.`,
    },
    { value: () => content, diagnosis: 'Looks like the position embeddings are not added: every token, the class token included, gets its row of posEmbedding.' },
  ];
}
