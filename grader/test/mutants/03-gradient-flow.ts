import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 03 solution: each must lose points in 03-gradient-flow. */
export const mutants: Mutant[] = [
  {
    name: 'Jacobian without the transpose of Wh',
    find: 'const WhT = transpose(Wh);',
    replace: 'const WhT = Wh;',
  },
  {
    name: 'forget-gate product over the wrong range (includes f_k)',
    find: 'forgetGates.slice(k)',
    replace: 'forgetGates.slice(Math.max(k - 1, 0))',
  },
  {
    name: "missing tanh' factor",
    find: 'mapMatrix(WhT, (v, i) => v * (1 - states[k + 1]![i]! ** 2))',
    replace: 'WhT',
  },
  {
    name: 'Jacobians multiplied in the wrong order',
    find: 'jacobian = matmul(jacobian, step);',
    replace: 'jacobian = matmul(step, jacobian);',
  },
  {
    name: 'no range check on the forget gates',
    find: 'if (!(f >= 0 && f <= 1)) throw',
    replace: 'if (Number.isNaN(f)) throw',
  },
];
