import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 09 solution: each must lose points in 09-attention. */
export const mutants: Mutant[] = [
  {
    name: 'masking with −1e9 over the whole row (a row with nothing allowed gets uniform weights, no RangeError)',
    find: '      if (!Number.isInteger(len) || len < 1 || len > row.length) {\n',
    replace: [
      '      const maskedRow = row.map((s, j) => (j < len ? s : -1e9));',
      '      const top = Math.max(...maskedRow);',
      '      const e = maskedRow.map((s) => Math.exp(s - top));',
      '      return e.map((v) => v / e.reduce((a, w) => a + w, 0));',
      '      if (!Number.isInteger(len) || len < 1 || len > row.length) {\n',
    ].join('\n'),
  },
  {
    name: 'masking j ≤ validLen (one key too many)',
    find: 'const len = lens === undefined ? row.length : Array.isArray(lens) ? lens[i]! : lens;',
    replace: 'const len = Math.min(row.length, (lens === undefined ? row.length : Array.isArray(lens) ? lens[i]! : lens) + 1);',
  },
  {
    name: 'masked weights 1e-9 instead of exactly 0',
    find: 'return row.map((_, j) => (j < len ? exps[j]! / sum : 0));',
    replace: 'return row.map((_, j) => (j < len ? exps[j]! / sum : 1e-9));',
  },
  {
    name: 'additive scores without tanh',
    find: 's + w * Math.tanh(qi[a]! + kj[a]!)',
    replace: 's + w * (qi[a]! + kj[a]!)',
  },
  {
    name: 'dotScores with k not transposed in the right axis (k·qᵀ)',
    find: 'return q.map((qb, b) => matmul(qb, transpose(k[b]!)));',
    replace: 'return q.map((qb, b) => matmul(k[b]!, transpose(qb)));',
  },
  {
    name: 'context summing over the wrong axis (weights transposed)',
    find: 'return weights.map((wb, b) => matmul(wb, v[b]!));',
    replace: 'return weights.map((wb, b) => matmul(transpose(wb), v[b]!));',
  },
  {
    name: 'softmax without subtracting the max (overflows on large scores)',
    find: 'const max = Math.max(...allowed);',
    replace: 'const max = 0 * Math.max(...allowed);',
  },
];
