// Public tests for exercise 06. Run them with `npm run test:exercises -- 06`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type * as Exercise from './deep-rnn.ts';
import fixtures from './fixtures.json' with { type: 'json' };

const student = loadSubmission<typeof Exercise>('06-deep-rnn');
const fixture = (name: keyof typeof fixtures): Fixture => fixtures[name] as Fixture;

describe('stackedRnnForward', () => {
  graded('matches the worked example of README.md (two layers of one unit)', 1, () => expectFixture(student, fixture('exampleStacked')));
  graded('matches the reference on two layers, 2 sequences of 4 steps, with initial states', 2, () => expectFixture(student, fixture('stacked')));
});

describe('bidirectionalRnnForward', () => {
  graded('matches the worked example of README.md (concat)', 1, () => expectFixture(student, fixture('example')));
  graded('matches the worked example of README.md (ave)', 1, () => expectFixture(student, fixture('exampleAve')));
  graded("matches the reference with merge 'concat': forward units first, [N][T][2H]", 1, () => expectFixture(student, fixture('concat')));
  graded("matches the reference with merge 'sum'", 1, () => expectFixture(student, fixture('sum')));
  graded("matches the reference with merge 'mul'", 1, () => expectFixture(student, fixture('mul')));
  graded("matches the reference with merge 'ave'", 1, () => expectFixture(student, fixture('ave')));
});
