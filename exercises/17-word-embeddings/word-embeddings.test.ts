// Public tests for exercise 17. Run them with `npm run test:exercises -- 17`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type * as Exercise from './word-embeddings.ts';
import fixtures from './fixtures.json' with { type: 'json' };

const student = loadSubmission<typeof Exercise>('17-word-embeddings');
const fixture = (name: keyof typeof fixtures): Fixture => fixtures[name] as Fixture;

describe('bagOfWords', () => {
  graded('"The food was good, not bad at all" and "…bad, not good…" have the same bag; "very" is not in the vocabulary', 1, async () => {
    await expectFixture(student, fixture('bowGood'));
    await expectFixture(student, fixture('bowBad'));
  });
});

describe('embeddingForward', () => {
  graded('matches the worked example of README.md (a row lookup)', 1, () => expectFixture(student, fixture('embedding')));
  graded('matches the reference on 2 sequences of 3 ids, V = 6, D = 4', 1, () => expectFixture(student, fixture('embeddingRandom')));
});

describe('embeddingBackward', () => {
  graded('matches the worked example of README.md (id 2 occurs twice: its rows add up)', 1, () => expectFixture(student, fixture('backward'), GRADIENT_TOLERANCE));
  graded('matches the reference’s autodiff with a repeated id', 1, () => expectFixture(student, fixture('backwardRandom'), GRADIENT_TOLERANCE));
});

describe('skipGramPairs', () => {
  graded('matches the worked example of README.md with window 1 and window 2', 1, async () => {
    await expectFixture(student, fixture('skipGram1'));
    await expectFixture(student, fixture('skipGram2'));
  });
});

describe('cosineSimilarity and nearestNeighbors', () => {
  graded('cosineSimilarity([1, 2, 2], [2, 0, 1]) = 4 / (3 · √5)', 1, () => expectFixture(student, fixture('cosine')));
  graded('the neighbours of "king" in the toy embedding of README.md', 1, () => expectFixture(student, fixture('neighbors')));
});
