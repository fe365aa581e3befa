// Public tests for exercise 01. Run them with `npm test` (or `npm run test:exercises -- 01`).
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture } from '../../grader/runtime/check.ts';
import { expectClose } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { rnnStepContext } from '../../grader/runtime/mistakes/01-rnn-forward.ts';
import { sequenceContext } from '../../grader/runtime/mistakes/shared.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './rnn-forward.ts';

const student = loadSubmission<typeof Exercise>('01-rnn-forward');

describe('rnnStepForward', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.example, undefined, rnnStepContext(fixtures.example.args)));
  graded('matches the reference on a batch of 3', 2, () => expectFixture(student, fixtures.step, undefined, rnnStepContext(fixtures.step.args)));
  graded('saves x, hPrev, Wx, Wh and h in its cache', 1, async () => {
    const [x, hPrev, Wx, Wh, b] = fixtures.step.args as Parameters<typeof Exercise.rnnStepForward>;
    const { h, cache } = await student.rnnStepForward(x, hPrev, Wx, Wh, b);
    for (const [key, value] of Object.entries({ x, hPrev, Wx, Wh, h })) {
      expectClose(`cache.${key}`, (cache as unknown as Record<string, unknown>)[key], value);
    }
  });
});

describe('rnnForward', () => {
  graded('matches the reference on 3 sequences of 4 steps', 2, () => expectFixture(student, fixtures.sequence, undefined, { ...sequenceContext, activation: 'tanh' }));
});

describe('outputLogits', () => {
  graded('matches the reference at every time step', 1, () => expectFixture(student, fixtures.output, undefined, { bias: fixtures.output.args[2] as number[] }));
});
