import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 05 solution: each must lose points in 05-gru. */
export const mutants: Mutant[] = [
  {
    name: 'reset applied after the recurrent matmul (PyTorch style)',
    find: 'matmul(hadamard(r, hPrev), gate(Wh, 2))',
    replace: 'hadamard(r, matmul(hPrev, gate(Wh, 2)))',
  },
  {
    name: 'z and 1 − z swapped',
    find: 'const h = add(hadamard(z, hPrev), hadamard(mapMatrix(z, (v) => 1 - v), hTilde));',
    replace: 'const h = add(hadamard(mapMatrix(z, (v) => 1 - v), hPrev), hadamard(z, hTilde));',
  },
  {
    name: 'gates read in the order r, z',
    find: 'const z = mapMatrix(add(gate(xPart, 0), matmul(hPrev, gate(Wh, 0))), sigmoid);\n  const r = mapMatrix(add(gate(xPart, 1), matmul(hPrev, gate(Wh, 1))), sigmoid);',
    replace: 'const z = mapMatrix(add(gate(xPart, 1), matmul(hPrev, gate(Wh, 1))), sigmoid);\n  const r = mapMatrix(add(gate(xPart, 0), matmul(hPrev, gate(Wh, 0))), sigmoid);',
  },
  {
    name: 'candidate without the reset gate',
    find: 'matmul(hadamard(r, hPrev), gate(Wh, 2))',
    replace: 'matmul(hPrev, gate(Wh, 2))',
  },
];
