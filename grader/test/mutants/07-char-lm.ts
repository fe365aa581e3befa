import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 07 solution: each must lose points in 07-char-lm. */
export const mutants: Mutant[] = [
  {
    name: 'softmax without the max shift (e^1000 overflows)',
    find: 'const exps = scaled.map((z) => Math.exp(z - max));',
    replace: 'const exps = scaled.map((z) => Math.exp(z));',
  },
  {
    name: 'temperature multiplying the logits instead of dividing',
    find: 'const scaled = logits.map((z) => z / T);',
    replace: 'const scaled = logits.map((z) => z * T);',
  },
  {
    name: 'sampleNext comparing u ≤ cumsum',
    find: 'if (u < cumulative) return i;',
    replace: 'if (u <= cumulative) return i;',
  },
  {
    name: 'generate not feeding the sampled character back',
    find: '    text += chars[next];\n    feed(next);',
    replace: '    text += chars[next];',
  },
  {
    name: 'generate resetting h to zeros at every step',
    find: 'const feed = (id: number) => (h = rnnStepForward(oneHot([id], V), h, Wx, Wh, b).h);',
    replace: 'const feed = (id: number) => (h = rnnStepForward(oneHot([id], V), zeros(1, Wh.length), Wx, Wh, b).h);',
  },
  {
    name: 'perplexity without the exp (the mean negative log-likelihood)',
    find: 'return Math.exp(meanNll);',
    replace: 'return meanNll;',
  },
  {
    name: 'perplexity with log2 inside exp',
    find: 's + Math.log(probs[t]![y]!)',
    replace: 's + Math.log2(probs[t]![y]!)',
  },
  {
    name: 'buildVocab sorting UTF-16 code units (the default sort)',
    find: '.sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)',
    replace: '.sort()',
  },
];
