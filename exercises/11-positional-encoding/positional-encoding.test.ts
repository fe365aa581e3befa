// Public tests for exercise 11. Run them with `npm run test:exercises -- 11`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture } from '../../grader/runtime/check.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './positional-encoding.ts';

const student = loadSubmission<typeof Exercise>('11-positional-encoding');

describe('sinusoidalEncoding', () => {
  graded('matches the worked example of README.md (T = 3, D = 4)', 1, () => expectFixture(student, fixtures.example));
  graded('an odd width D = 5 ends with a sin column', 1, () => expectFixture(student, fixtures.oddWidth));
  graded('matches the reference for T = 50, D = 16', 1, () => expectFixture(student, fixtures.longer));
});

describe('addPositionalEncoding', () => {
  graded('adds the encoding to every sequence of a batch of 2', 1, () => expectFixture(student, fixtures.add));
  graded('works with an odd width (D = 5)', 1, () => expectFixture(student, fixtures.addOdd));
});
