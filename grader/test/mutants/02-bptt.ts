import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 02 solution: each must lose points in 02-bptt. */
export const mutants: Mutant[] = [
  {
    name: 'BPTT without the carried gradient dhNext',
    find: 'rnnStepBackward(add(timeStep(dh, t), dhNext), stepCache(cache, t))',
    replace: 'rnnStepBackward(timeStep(dh, t), stepCache(cache, t))',
  },
  {
    name: 'dWh with the factors in the wrong order (its transpose)',
    find: 'dWh: matmul(transpose(hPrev), da),',
    replace: 'dWh: matmul(transpose(da), hPrev),',
  },
  {
    name: "tanh' taken as 1 − h instead of 1 − h²",
    find: '(g, v) => g * (1 - v * v)',
    replace: '(g, v) => g * (1 - v)',
  },
  {
    name: 'loss averaged over T too',
    find: 'const N = logits.length;',
    replace: 'const N = logits.length * logits[0]!.length;',
  },
  {
    name: 'softmax without subtracting the row max',
    find: 'const max = Math.max(...row);',
    replace: 'const max = 0;',
  },
  {
    name: 'clipGlobalNorm never scales',
    find: 'const scale = norm > maxNorm ? maxNorm / norm : 1;',
    replace: 'const scale = 1;',
  },
  {
    name: 'clipGlobalNorm scales by norm / maxNorm',
    find: 'const scale = norm > maxNorm ? maxNorm / norm : 1;',
    replace: 'const scale = norm > maxNorm ? norm / maxNorm : 1;',
  },
  {
    name: 'clipElementwise accepts any limit',
    find: 'if (!(Number.isFinite(limit) && limit > 0)) throw',
    replace: 'if (false) throw',
  },
  {
    name: 'truncated window one step too long (k + 1 steps)',
    find: 'const start = Math.max(0, t - k + 1);',
    replace: 'const start = Math.max(0, t - k);',
  },
  {
    name: 'truncated window one step too short (k − 1 steps)',
    find: 'const start = Math.max(0, t - k + 1);',
    replace: 'const start = Math.max(0, t - k + 2);',
  },
  {
    name: 'truncated BPTT lets the gradient reach h0 from every window',
    find: 'if (start === 0) dh0 = add(dh0, carried);',
    replace: 'dh0 = add(dh0, carried);',
  },
];
