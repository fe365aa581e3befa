import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 06 solution: each must lose points in 06-deep-rnn. */
export const mutants: Mutant[] = [
  {
    name: 'backward outputs not reversed back to the forward time order',
    find: 'const backward = reverseTime(rnnForward(reverseTime(x), zerosFor(bwd.Wh.length), bwd.Wx, bwd.Wh, bwd.b).h);',
    replace: 'const backward = rnnForward(reverseTime(x), zerosFor(bwd.Wh.length), bwd.Wx, bwd.Wh, bwd.b).h;',
  },
  {
    name: 'concat puts the backward units first',
    find: 'concat: (f, b) => [...f, ...b],',
    replace: 'concat: (f, b) => [...b, ...f],',
  },
  {
    name: 'every layer of the stack reads x instead of the layer below',
    find: 'input = rnnForward(input, h0s[l]!, Wx, Wh, b).h;',
    replace: 'input = rnnForward(x, h0s[l]!, Wx, Wh, b).h;',
  },
  {
    name: "'ave' computed as the sum",
    find: 'ave: (f, b) => f.map((v, j) => (v + b[j]!) / 2),',
    replace: 'ave: (f, b) => f.map((v, j) => v + b[j]!),',
  },
  {
    name: 'backward direction run with the forward weights',
    find: 'zerosFor(bwd.Wh.length), bwd.Wx, bwd.Wh, bwd.b',
    replace: 'zerosFor(bwd.Wh.length), fwd.Wx, fwd.Wh, fwd.b',
  },
];
