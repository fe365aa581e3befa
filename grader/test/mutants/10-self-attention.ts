import type { Mutant } from './mutant.ts';

const scoresLine =
  'const weights = q.map((qb, b) => matmul(qb, transpose(k[b]!)).map((row, i) => maskedSoftmaxRow(row.map((s) => s / Math.sqrt(dk)), allowed[i]!)));';

/** Deliberately wrong versions of the 10 solution: each must lose points in 10-self-attention. */
export const mutants: Mutant[] = [
  { name: 'scores not scaled by 1/√dk', find: 'row.map((s) => s / Math.sqrt(dk))', replace: 'row.map((s) => s)' },
  { name: 'scores divided by dk instead of √dk', find: 'row.map((s) => s / Math.sqrt(dk))', replace: 'row.map((s) => s / dk)' },
  { name: 'causal mask transposed (j ≥ i)', find: '(j <= i ? 1 : 0)', replace: '(j >= i ? 1 : 0)' },
  {
    name: 'softmax over the queries (the wrong axis)',
    find: scoresLine,
    replace:
      'const weights = q.map((qb, b) => transpose(transpose(matmul(qb, transpose(k[b]!))).map((col, j) => maskedSoftmaxRow(col.map((s) => s / Math.sqrt(dk)), allowed.map((row) => row[j]!)))));',
  },
  {
    name: 'mask applied after the softmax (rows normalized over every key)',
    find: 'return exps.map((e) => e / sum);',
    replace: 'return exps.map((e) => e / (sum + scores.reduce((total, s, j) => total + (allowed[j] ? 0 : Math.exp(s - max)), 0)));',
  },
  { name: 'heads split by interleaving features', find: 'seq.map((row) => row.slice(i * d, (i + 1) * d))', replace: 'seq.map((row) => row.filter((_, f) => f % h === i))' },
  { name: 'mergeHeads interleaving the heads’ features', find: 'heads.flatMap((head) => head[t]!)', replace: 'heads[0]![t]!.flatMap((_, j) => heads.map((head) => head[t]![j]!))' },
  { name: 'Wo missing', find: 'out: merged.map((seq) => matmul(seq, Wo))', replace: 'out: merged' },
];
