// Public tests for exercise 05. Run them with `npm run test:exercises -- 05`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture } from '../../grader/runtime/check.ts';
import { expectClose } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './gru.ts';

const student = loadSubmission<typeof Exercise>('05-gru');

/** Runs the step on a fixture's arguments and compares the gates saved in the cache with the reference's. */
async function expectCachedGates(fixture: typeof fixtures.exampleGates | typeof fixtures.stepGates): Promise<void> {
  const [x, hPrev, Wx, Wh, b] = fixture.args as Parameters<typeof Exercise.gruStepForward>;
  const { h, cache } = await student.gruStepForward(x, hPrev, Wx, Wh, b);
  const saved = { ...fixture.expected, x, hPrev, Wx, Wh, h };
  for (const [key, value] of Object.entries(saved)) {
    expectClose(`cache.${key}`, (cache as unknown as Record<string, unknown>)?.[key], value);
  }
}

describe('gruStepForward', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.example));
  graded('saves the worked example’s gates z, r and h̃ in its cache', 1, () => expectCachedGates(fixtures.exampleGates));
  graded('matches the reference on a batch of 3', 2, () => expectFixture(student, fixtures.step));
  graded('saves x, hPrev, Wx, Wh, z, r, hTilde and h in its cache', 1, () => expectCachedGates(fixtures.stepGates));
});

describe('gruForward', () => {
  graded('matches the reference on 3 sequences of 4 steps', 2, () => expectFixture(student, fixtures.sequence));
});
