import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 14 solution: each must lose points in 14-patch-embedding. */
export const mutants: Mutant[] = [
  {
    name: 'each patch flattened in (channel, row, col) order',
    find: '        for (let i = 0; i < P; i++) {\n          for (let j = 0; j < P; j++) patch.push(...image[r * P + i]![c * P + j]!);\n        }',
    replace:
      '        for (let ch = 0; ch < image[0]![0]!.length; ch++) {\n          for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) patch.push(image[r * P + i]![c * P + j]![ch]!);\n        }',
  },
  {
    name: 'patches listed column-major over the grid',
    find: '    for (let r = 0; r < H / P; r++) {\n      for (let c = 0; c < W / P; c++) {',
    replace: '    for (let c = 0; c < W / P; c++) {\n      for (let r = 0; r < H / P; r++) {',
  },
  {
    name: 'class token appended after the patches',
    find: '[classToken, ...tokens].map(',
    replace: '[...tokens, classToken].map(',
  },
  {
    name: 'posEmbedding missing the class row (class token without position, patch m gets row m)',
    find: 'token.map((v, e) => v + posEmbedding[t]![e]!)',
    replace: 'token.map((v, e) => v + (t === 0 ? 0 : posEmbedding[t - 1]![e]!))',
  },
  {
    name: 'patch embedding without the bias',
    find: 'return patches.map((m) => addRow(matmul(m, W), b));',
    replace: 'return patches.map((m) => addRow(matmul(m, W), b.map(() => 0)));',
  },
];
