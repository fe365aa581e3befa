/**
 * The registry of detectors that each need a context field of their own (one mistake, one file). The
 * general detectors and the shared rules (exact match only, silent when unsure) are in grader/runtime/diagnose.ts;
 * to add one: write it here beside the others, give it a unit test on its mistake and on a near miss
 * (grader/test/diagnose.test.ts), and list it below.
 */
import type { Detector } from '../diagnose.ts';
import { biasInsideActivation } from './bias-inside-activation.ts';
import { finiteMaskPenalty } from './finite-mask-penalty.ts';
import { lstmCellPath } from './lstm-cell-path.ts';
import { maskOffByOne } from './mask-off-by-one.ts';
import { transposedSquareWeight } from './transposed-square-weight.ts';

/** Tried in this order, after the suite's known wrong answers and before the shape-only detectors. */
export const CONTEXT_DETECTORS: readonly Detector[] = [finiteMaskPenalty, maskOffByOne, biasInsideActivation, transposedSquareWeight, lstmCellPath];
