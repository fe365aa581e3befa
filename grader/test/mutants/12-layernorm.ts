import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 12 solution: each must lose points in 12-layernorm. */
export const mutants: Mutant[] = [
  {
    name: 'unbiased variance (divided by D − 1)',
    find: 'const variance = x.map((row, n) => row.reduce((s, v) => s + (v - mean[n]!) ** 2, 0) / D);',
    replace: 'const variance = x.map((row, n) => row.reduce((s, v) => s + (v - mean[n]!) ** 2, 0) / (D - 1));',
  },
  {
    name: 'eps outside the square root',
    find: 'const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));',
    replace: 'const invStd = variance.map((v) => 1 / (Math.sqrt(v) + eps));',
  },
  {
    name: 'dx missing the mean terms (dx = dx̂ · invStd)',
    find: 'return dxHat.map((v, j) => (invStd[n]! / D) * (D * v - sum - xHat[n]![j]! * sumDotXHat));',
    replace: 'return dxHat.map((v) => invStd[n]! * v + 0 * sum * sumDotXHat);',
  },
  {
    name: 'batch norm normalizing rows (layer norm)',
    find: '  const N = x.length;\n  const mean = gamma.map((_, j) => x.reduce((s, row) => s + row[j]!, 0) / N);\n  const variance = gamma.map((_, j) => x.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / N);\n  return x.map((row) => row.map((v, j) => (gamma[j]! * (v - mean[j]!)) / Math.sqrt(variance[j]! + eps) + beta[j]!));',
    replace: '  return layerNormForward(x, gamma, beta, eps).out;',
  },
];
