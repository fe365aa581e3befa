import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 16 solution: each must lose points in 16-lstm-autoencoder. */
export const mutants: Mutant[] = [
  {
    name: 'code taken from the first step',
    find: 'const code = encoded.map((seq) => seq[T - 1]!);',
    replace: 'const code = encoded.map((seq) => seq[0]!);',
  },
  {
    name: 'decoder fed the input instead of the repeated code',
    find: 'const decoded = lstmForward(repeated, zeros(N, Hd),',
    replace: 'const decoded = lstmForward(x, zeros(N, Hd),',
  },
  {
    name: 'decoder started from the code instead of zeros',
    find: 'const decoded = lstmForward(repeated, zeros(N, Hd),',
    replace: 'const decoded = lstmForward(repeated, H === Hd ? code : zeros(N, Hd),',
  },
  {
    name: 'reconstruction reversed in time',
    find: 'const recon = decoded.map((seq) => addRow(matmul(seq, Wy), by));',
    replace: 'const recon = decoded.map((seq) => addRow(matmul([...seq].reverse(), Wy), by));',
  },
  {
    name: 'output layer without its bias',
    find: 'addRow(matmul(seq, Wy), by)',
    replace: 'addRow(matmul(seq, Wy), by.map(() => 0))',
  },
];
