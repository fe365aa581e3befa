/**
 * The course's classic mistakes live in grader/runtime/mistakes/<id>.ts, one file per exercise, for the
 * diagnosers (grader/runtime/diagnose.ts): the sentences a student reads and the context or known wrong
 * answers that recognize them. Public and hidden suites share them, so a mistake is worded the same wherever
 * it is caught. Wrong answers that need the reference are computed by the hidden suites themselves, lazily
 * (only when a comparison failed): the shipped runtime never imports the reference. A later exercise imports
 * what an earlier one introduced; this file holds what belongs to no exercise in particular.
 */
import type { DiagnosisContext } from '../diagnose.ts';

/** A sequence output [N][T][H] (RNN, LSTM, GRU, seq2seq, autoencoder): spots the states h_0..h_{T−1} and a time-major layout. */
export const sequenceContext: DiagnosisContext = { timeAxis: 1, axisNames: ['N', 'T', 'H'] };
