// Public tests for exercise 03. Run them with `npm run test:exercises -- 03`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference (with autodiff).
import { describe } from 'vitest';
import { expectFixture } from '../../grader/runtime/check.ts';
import { GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './gradient-flow.ts';

const student = loadSubmission<typeof Exercise>('03-gradient-flow');

describe('rnnJacobianNorms', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.example, GRADIENT_TOLERANCE));
  graded('vanishes and explodes as in the table of README.md', 1, async () => {
    await expectFixture(student, fixtures.vanishing, GRADIENT_TOLERANCE);
    await expectFixture(student, fixtures.exploding, GRADIENT_TOLERANCE);
  });
  graded('matches the reference on a random sequence of 6 steps, H=4', 2, () =>
    expectFixture(student, fixtures.random, GRADIENT_TOLERANCE),
  );
});

describe('lstmCellPathGains', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.exampleGates));
  graded('keeps a gain near 1 with forget gates near 1, and matches random gates', 1, async () => {
    await expectFixture(student, fixtures.remembering);
    await expectFixture(student, fixtures.randomGates);
  });
});
