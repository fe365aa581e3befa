/**
 * `--student` on functions not written yet: the demo stops before it trains, naming the functions.
 */
import { expect, test } from 'vitest';
import { loadStudentExercise } from '../lib/student.ts';

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
