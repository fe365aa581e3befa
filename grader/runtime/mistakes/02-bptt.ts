/** 02-bptt's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used). */
import type { NestedNumbers } from '../shared/types.ts';
import type { Alternative } from '../diagnose.ts';

export const BPTT_NO_CARRY =
  'Looks like BPTT drops the gradient carried back from step t+1: your gradients are those of each step with only its own dh[:, t] ' +
  '(truncated BPTT with k = 1). The upstream of step t is dh[:, t] + the dhPrev of step t+1.';

export const LOSS_MASK_IGNORED = 'Looks like the mask is ignored: padded steps (mask 0) must add nothing to the loss and get a zero gradient.';

/** temporalSoftmaxLoss averaged over N·T instead of N: the expected loss and gradient divided by T. */
export function lossAveragedOverTime(expected: { loss: number; dLogits: NestedNumbers }, T: number): Alternative {
  const divide = (v: NestedNumbers): NestedNumbers => (Array.isArray(v) ? v.map(divide) : v / T);
  return {
    value: () => ({ loss: expected.loss / T, dLogits: divide(expected.dLogits) }),
    diagnosis: `Looks like the loss is averaged over the time steps too: yours are the expected loss and gradient ÷ T (T = ${T}). Sum over t, then average over the N sequences only.`,
  };
}

/** Truncated BPTT windows one step off. */
export const truncatedWindow = (k: number, got: number): string =>
  `Looks like your window is one step too ${got > k ? 'long' : 'short'}: your gradients are those of k = ${got}. ` +
  'The gradient injected at step t flows back through k steps, t itself included: t, t − 1, …, t − k + 1.';
export const TRUNCATED_NOTHING = 'Looks like nothing is truncated: your gradients are those of full BPTT.';

/** clipGlobalNorm's classic mistakes, computed from its inputs: no clipping, the scale upside down, a norm per gradient. */
export function clipGlobalNormMistakes(grads: Record<string, NestedNumbers>, maxNorm: number): Alternative[] {
  const entries = (g: NestedNumbers): number[] => (Array.isArray(g) ? g.flatMap(entries) : [g]);
  const scale = (g: NestedNumbers, s: number): NestedNumbers => (Array.isArray(g) ? g.map((v) => scale(v, s)) : g * s);
  const norm = Math.hypot(...Object.values(grads).flatMap(entries));
  const each = (f: (g: NestedNumbers, name: string) => NestedNumbers) => () => Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, f(g, name)]));
  return [
    { value: grads, diagnosis: `Looks like nothing is clipped: your gradients are the inputs unchanged, though their global norm ${norm.toPrecision(4)} is above maxNorm = ${maxNorm}.` },
    { value: each((g) => scale(g, norm / maxNorm)), diagnosis: 'Looks like the scale is upside down: yours are the gradients × ‖g‖ / maxNorm; clipping multiplies them by maxNorm / ‖g‖.' },
    {
      value: each((g) => {
        const own = Math.hypot(...entries(g));
        return own > maxNorm ? scale(g, maxNorm / own) : g;
      }),
      diagnosis: 'Looks like each gradient is clipped by its own norm: the norm is global, over every entry of every gradient together, and one scale applies to all of them.',
    },
  ];
}

/** The mistakes 02's public fixtures carry a known wrong answer for, by mistake id (see ./fixture-mistakes.ts). */
export const FIXTURE_MISTAKES: Readonly<Record<string, string>> = { 'bptt-no-carry': BPTT_NO_CARRY };
