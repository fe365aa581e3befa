import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 11 solution: each must lose points in 11-positional-encoding. */
export const mutants: Mutant[] = [
  {
    name: 'sin and cos swapped (cos on even columns)',
    find: 'return j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);',
    replace: 'return j % 2 === 0 ? Math.cos(angle) : Math.sin(angle);',
  },
  {
    name: 'exponent written i/D instead of 2i/D',
    find: 'const angle = pos / Math.pow(10000, twoI / D);',
    replace: 'const angle = pos / Math.pow(10000, twoI / 2 / D);',
  },
  {
    name: 'base 1000 instead of 10000',
    find: 'Math.pow(10000, twoI / D)',
    replace: 'Math.pow(1000, twoI / D)',
  },
  {
    name: 'every column gets its own frequency (j/D instead of 2i/D)',
    find: 'const angle = pos / Math.pow(10000, twoI / D);',
    replace: 'const angle = pos / Math.pow(10000, j / D);',
  },
];
