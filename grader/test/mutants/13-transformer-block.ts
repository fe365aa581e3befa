import type { Mutant } from './mutant.ts';

/** Deliberately wrong versions of the 13 solution: each must lose points in 13-transformer-block. */
export const mutants: Mutant[] = [
  { name: 'FFN without ReLU', find: '(v) => Math.max(0, v)', replace: '(v) => v' },
  {
    name: 'addNorm normalizing before the residual add',
    find: 'return layerNorm(residual(x, sublayerOut), { gamma, beta });',
    replace: 'return residual(layerNorm(x, { gamma, beta }), sublayerOut);',
  },
  { name: 'pre-norm and post-norm swapped', find: 'if (preNorm) {', replace: 'if (!preNorm) {' },
  { name: 'pre-norm attention without its residual', find: 'const y = residual(x, attend(layerNorm(x, norm1)));', replace: 'const y = attend(layerNorm(x, norm1));' },
  {
    name: 'post-norm FFN without its residual',
    find: 'return addNorm(y, feedForward(y), norm2.gamma, norm2.beta);',
    replace: 'return layerNorm(feedForward(y), norm2);',
  },
  { name: 'causal option not passed to the attention', find: 'multiHeadSelfAttention(z, attention, numHeads, { causal })', replace: 'multiHeadSelfAttention(z, attention, numHeads, { causal: false })' },
  { name: 'norm1 used for both layer norms', find: 'return addNorm(y, feedForward(y), norm2.gamma, norm2.beta);', replace: 'return addNorm(y, feedForward(y), norm1.gamma, norm1.beta);' },
];
