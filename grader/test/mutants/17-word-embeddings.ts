import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 17 solution: each must lose points in 17-word-embeddings. */
export const mutants: Mutant[] = [
  {
    name: 'embeddingBackward overwriting a repeated id’s row instead of accumulating',
    find: 'dout[n]![t]!.forEach((g, d) => (dW[id]![d]! += g))',
    replace: 'dout[n]![t]!.forEach((g, d) => (dW[id]![d]! = g))',
  },
  {
    name: 'skipGramPairs including the center as its own context',
    find: '      if (j !== i) pairs.push([center, tokens[j]!]);',
    replace: '      pairs.push([center, tokens[j]!]);',
  },
  {
    name: 'nearestNeighbors including the word itself',
    find: '    .filter((_, v) => v !== query)\n',
    replace: '',
  },
  {
    name: 'cosineSimilarity without normalisation (the dot product)',
    find: 'return a.reduce((s, v, i) => s + v * b[i]!, 0) / norms;',
    replace: 'return a.reduce((s, v, i) => s + v * b[i]!, 0);',
  },
  {
    name: 'bagOfWords marking presence (0/1) instead of counting',
    find: 'if (v !== undefined) counts[v]! += 1;',
    replace: 'if (v !== undefined) counts[v] = 1;',
  },
  {
    name: 'nearestNeighbors sorting least similar first',
    find: '.sort((x, y) => y.similarity - x.similarity)',
    replace: '.sort((x, y) => x.similarity - y.similarity)',
  },
];
