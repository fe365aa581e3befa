/**
 * `--student` on functions not written yet: the demo stops before it trains, naming the functions.
 */
import { expect, test } from 'vitest';
import { largestDifference, maxAbsDifference } from '../lib/metrics.ts';
import { loadStudentExercise, studentVerdict, verdictText } from '../lib/student.ts';

type CharLm = typeof import('../../exercises/07-char-lm/char-lm.ts');
type WordEmbeddings = typeof import('../../exercises/17-word-embeddings/word-embeddings.ts');

test('a stub that still throws its TODO is named at once', async () => {
  // exercises/ holds the stubs in the course repository.
  await expect(loadStudentExercise<CharLm>('07-char-lm', ['generate'])).rejects.toThrow(/your generate \(07-char-lm\) still throws its TODO; `npm run test:exercises -- 07`/);
  await expect(loadStudentExercise<WordEmbeddings>('17-word-embeddings', ['skipGramPairs', 'nearestNeighbors'])).rejects.toThrow(
    /your skipGramPairs and nearestNeighbors \(17-word-embeddings\) still throw their TODOs/,
  );
});

test('written functions load', async () => {
  process.env.SEQLAB_SUBMISSION = 'solutions';
  try {
    const module = await loadStudentExercise<CharLm>('07-char-lm', ['generate']);
    expect(typeof module.generate).toBe('function');
  } finally {
    delete process.env.SEQLAB_SUBMISSION;
  }
});

test('a comparison ends with a verdict: the same within the tolerance, or where it differs and what to check', () => {
  expect(verdictText({ fn: 'bahdanauStep', exercise: '09-attention', difference: 3.2e-8, tolerance: 1e-4 })).toBe("same as the demo's (max difference 3.2e-8, within 1e-4)");
  expect(verdictText({ fn: 'bahdanauStep', exercise: '09-attention', difference: 0.8904, tolerance: 1e-4, where: 'output step 2, source position 1' })).toBe(
    "differs from the demo's: max difference 0.89 at output step 2, source position 1 — check bahdanauStep against exercises/09-attention/README.md",
  );
  expect(verdictText({ fn: 'vaeKl', exercise: '15-autoencoders', difference: NaN, tolerance: 1e-3, relative: true })).toMatch(/^differs from the demo's: max relative difference NaN — check vaeKl/);
  expect(verdictText({ fn: 'generate', exercise: '07-char-lm', same: 16, of: 16, things: 'samples' })).toBe("same as the demo's (16/16 samples identical)");
  expect(verdictText({ fn: 'generate', exercise: '07-char-lm', same: 13, of: 16, things: 'samples', where: 'sample 4' })).toBe(
    "differs from the demo's: 3 of 16 samples differ, the first at sample 4 — check generate against exercises/07-char-lm/README.md",
  );
  expect(studentVerdict({ fn: 'patchify', exercise: '14-patch-embedding', difference: 0, tolerance: 0 })).toEqual({ 'your patchify: verdict': "same as the demo's (max difference 0, an exact match)" });
});

test('largestDifference finds the largest |a − b| on every axis, NaN first', () => {
  expect(largestDifference([[[0, 1]], [[2, 3]]], [[[0, 1]], [[2.5, 3]]])).toEqual({ value: 0.5, at: [1, 0, 0] });
  expect(largestDifference([1, NaN, 5], [1, 2, 0]).at).toEqual([1]);
  expect(maxAbsDifference([[1, 2]], [[1, 2]])).toBe(0);
});
