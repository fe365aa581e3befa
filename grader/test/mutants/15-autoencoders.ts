import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 15 solution: each must lose points in 15-autoencoders. */
export const mutants: Mutant[] = [
  {
    name: 'noise not clipped to [0, 1]',
    find: 'return x.map((row) => row.map((v) => Math.min(1, Math.max(0, v + std * standardNormal(uniform)))));',
    replace: 'return x.map((row) => row.map((v) => v + std * standardNormal(uniform)));',
  },
  {
    name: 'denoising loss against the noisy input',
    find: 'return mseLoss(denseAutoencoderForward(noisy, params).recon, clean);',
    replace: 'return mseLoss(denseAutoencoderForward(noisy, params).recon, noisy);',
  },
  {
    name: 'KL with the wrong sign',
    find: 'const rowKl = mu.map((row, n) => -0.5 * row.reduce(',
    replace: 'const rowKl = mu.map((row, n) => 0.5 * row.reduce(',
  },
  {
    name: 'KL without the ½',
    find: 'const rowKl = mu.map((row, n) => -0.5 * row.reduce(',
    replace: 'const rowKl = mu.map((row, n) => -1 * row.reduce(',
  },
  {
    name: 'reparameterisation with exp(logVar) instead of exp(logVar / 2)',
    find: 'm + Math.exp(logVar[n]![j]! / 2) * eps[n]![j]!',
    replace: 'm + Math.exp(logVar[n]![j]!) * eps[n]![j]!',
  },
  {
    name: 'L1 penalty without the mean over N',
    find: 'return (lambda * code.reduce((s, row) => s + row.reduce((t, v) => t + Math.abs(v), 0), 0)) / code.length;',
    replace: 'return lambda * code.reduce((s, row) => s + row.reduce((t, v) => t + Math.abs(v), 0), 0);',
  },
  {
    name: 'BCE without clipping',
    find: 'const p = Math.min(1 - BCE_EPSILON, Math.max(BCE_EPSILON, r));',
    replace: 'const p = r;',
  },
  {
    name: 'code without the relu',
    find: 'const code = mapMatrix(addRow(matmul(x, encoder.W), encoder.b), (v) => Math.max(0, v));',
    replace: 'const code = addRow(matmul(x, encoder.W), encoder.b);',
  },
];
