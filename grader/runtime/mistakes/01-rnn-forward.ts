/** 01-rnn-forward's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used). */
import type { Matrix, Vector } from '../shared/types.ts';
import type { DiagnosisContext } from '../diagnose.ts';

/** rnnStepForward's h = tanh(x·Wx + hPrev·Wh + b): spots another activation, b left out, and the square Wh transposed. */
export function rnnStepContext(args: readonly unknown[]): DiagnosisContext {
  const [, hPrev, , Wh, b] = args as [Matrix, Matrix, Matrix, Matrix, Vector];
  return { activation: 'tanh', bias: b, weightProduct: { name: 'Wh', inputName: 'hPrev', input: hPrev, weight: Wh } };
}

export const RNN_BIAS_MISSING = 'Looks like the bias b is missing: your h equals tanh(x·Wx + hPrev·Wh).';
export const RNN_H0_IGNORED = 'Looks like h0 is ignored: your states are those of a sequence that starts from zeros.';
export const RNN_WH_TRANSPOSED = 'Looks like Wh is used transposed: your h equals tanh(x·Wx + hPrev·Whᵀ + b). With row vectors, hPrev·Wh is [N][H]·[H][H], Wh as given.';
