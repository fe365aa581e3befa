import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 04 solution: each must lose points in 04-lstm. */
export const mutants: Mutant[] = [
  {
    name: 'gates unpacked in CS231n order i, f, o, g',
    find: 'const [ai, af, ag, ao] = [0, 1, 2, 3]',
    replace: 'const [ai, af, ao, ag] = [0, 1, 2, 3]',
  },
  {
    name: 'tanh for the forget gate',
    find: 'const f = mapMatrix(af, sigmoid);',
    replace: 'const f = mapMatrix(af, Math.tanh);',
  },
  {
    name: 'missing f ⊙ cPrev (the cell forgets everything)',
    find: 'const c = add(hadamard(f, cPrev), hadamard(i, g));',
    replace: 'const c = hadamard(i, g);',
  },
  {
    name: 'c0 = h0 instead of zeros',
    find: 'let c = zeros(h0.length, b.length / 4);',
    replace: 'let c = h0;',
  },
  {
    name: 'c not carried to the next step',
    find: '({ h, c } = step);',
    replace: '({ h } = step);',
  },
  {
    name: 'dcPrev not multiplied by f',
    find: 'dcPrev: hadamard(dcTotal, f),',
    replace: 'dcPrev: dcTotal,',
  },
  {
    name: 'backward misses the path from h into c (dh ⊙ o ⊙ tanh′(c))',
    find: 'const dcTotal = add(dc, throughTanh(hadamard(dh, o), tanhC));',
    replace: 'const dcTotal = dc;',
  },
  {
    name: 'output gate gradient taken from dc instead of dh',
    find: 'throughSigmoid(hadamard(dh, tanhC), o),',
    replace: 'throughSigmoid(hadamard(dc, tanhC), o),',
  },
  {
    name: 'sigmoid derivative for the tanh candidate g',
    find: 'throughTanh(hadamard(dcTotal, i), g),',
    replace: 'throughSigmoid(hadamard(dcTotal, i), g),',
  },
  {
    name: 'BPTT drops the cell gradient between steps',
    find: '({ dhPrev: dhNext, dcPrev: dcNext } = step);',
    replace: '({ dhPrev: dhNext } = step);',
  },
];
