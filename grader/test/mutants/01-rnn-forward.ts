import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 01 solution: each must lose points in 01-rnn-forward. */
export const mutants: Mutant[] = [
  {
    name: 'missing bias',
    find: 'const preActivation = addRow(add(matmul(x, Wx), matmul(hPrev, Wh)), b);',
    replace: 'const preActivation = add(matmul(x, Wx), matmul(hPrev, Wh));',
  },
  {
    name: 'sigmoid instead of tanh',
    find: 'const h = mapMatrix(preActivation, Math.tanh);',
    replace: 'const h = mapMatrix(preActivation, (v) => 1 / (1 + Math.exp(-v)));',
  },
  {
    name: 'transposed Wh',
    find: 'matmul(hPrev, Wh)',
    replace: 'matmul(hPrev, transpose(Wh))',
    addImport: "import { transpose } from '../shared/linalg.ts';",
  },
  {
    name: 'ignores h0',
    find: 'let h = h0;',
    replace: 'let h = h0.map((row) => row.map(() => 0));',
  },
];
