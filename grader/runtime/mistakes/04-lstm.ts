/** 04-lstm's classic mistakes (grader/runtime/mistakes/shared.ts says how they are used). */
import type { Matrix, Vector } from '../shared/types.ts';
import { reorderBlocks, type DiagnosisContext } from '../diagnose.ts';

/** The syllabus' packing order of the LSTM gates: a = [a_i | a_f | a_g | a_o]. */
export const LSTM_GATES = ['i', 'f', 'g', 'o'] as const;
export type LstmGate = (typeof LSTM_GATES)[number];

/** Weights as a student who unpacks the LSTM gates i, f, o, g reads them: the reference on these computes what that student computes. */
export const lstmGatesAsIFOG = <T extends Matrix | Vector>(w: T): T => reorderBlocks(w, 4, [0, 1, 3, 2]);
export const LSTM_GATES_IFOG =
  "Looks like the gates are unpacked in order i, f, o, g (CS231n's order): your output equals the reference's with the g and o blocks swapped. " +
  'The course packs a = [a_i | a_f | a_g | a_o].';

/** Gradients of gate-packed weights ([D][4H], [H][4H], [4H]): a permuted block order is named. */
export const lstmGradientContext: DiagnosisContext = {
  outputs: { dWx: { gates: LSTM_GATES }, dWh: { gates: LSTM_GATES }, db: { gates: LSTM_GATES } },
};

/**
 * The gates an LSTM step caches, each the activation of its pre-activation plus its slice of b ([4H], packed
 * i, f, g, o): spots sigmoid where tanh belongs (and the reverse) and a bias left out.
 */
export function lstmCacheContext(b: Vector): Record<LstmGate, DiagnosisContext> {
  const H = b.length / 4;
  const slice = (k: number) => b.slice(k * H, (k + 1) * H);
  return {
    i: { activation: 'sigmoid', bias: slice(0) },
    f: { activation: 'sigmoid', bias: slice(1) },
    g: { activation: 'tanh', bias: slice(2) },
    o: { activation: 'sigmoid', bias: slice(3) },
  };
}

/** lstmStepBackward's outputs: gate-packed gradients, and dcPrev, which spots the h → c path missing. */
export function lstmStepBackwardContext(dh: Matrix, cache: { f: Matrix; o: Matrix; c: Matrix }): DiagnosisContext {
  return { outputs: { ...lstmGradientContext.outputs, dcPrev: { lstmCellPath: { dh, f: cache.f, o: cache.o, c: cache.c } } } };
}

/** The mistakes 04's public fixtures carry a known wrong answer for, by mistake id (see ./fixture-mistakes.ts). */
export const FIXTURE_MISTAKES: Readonly<Record<string, string>> = { 'lstm-gates-ifog': LSTM_GATES_IFOG };
