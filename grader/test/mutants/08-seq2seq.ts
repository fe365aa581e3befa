import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 08 solution: each must lose points in 08-seq2seq. */
export const mutants: Mutant[] = [
  {
    name: 'decoder starting from zeros instead of the context',
    find: "const { h } = rnnForward(embed(tgtIds, embedding, 'target'), context, Wx, Wh, b);",
    replace: "const { h } = rnnForward(embed(tgtIds, embedding, 'target'), zeros(context.length, Wh.length), Wx, Wh, b);",
  },
  {
    name: 'encoder returning its first state',
    find: 'return h.map((seq) => seq[seq.length - 1]!);',
    replace: 'return h.map((seq) => seq[0]!);',
  },
  {
    name: 'teacher forcing shifted by one (logits of step t from the state before input t)',
    find: 'return outputLogits(h, Wy, by);',
    replace: 'return outputLogits(h.map((seq, n) => [context[n]!, ...seq.slice(0, -1)]), Wy, by);',
  },
  {
    name: 'greedy not stopping at eos',
    find: '      if (token === eos) break;\n',
    replace: '',
  },
  {
    name: 'greedy stopping at eos without including it',
    find: '      ids.push(token);\n      if (token === eos) break;',
    replace: '      if (token === eos) break;\n      ids.push(token);',
  },
  {
    name: 'greedy feeding back sos at every step',
    find: 'state = rnnStepForward(embed([[token]], embedding, \'target\')[0]!, state, Wx, Wh, b).h;',
    replace: 'state = rnnStepForward(embed([[sos]], embedding, \'target\')[0]!, state, Wx, Wh, b).h;',
  },
  {
    name: 'argmax taking the last maximum on ties',
    find: '(v > row[best]! ? j : best)',
    replace: '(v >= row[best]! ? j : best)',
  },
];
