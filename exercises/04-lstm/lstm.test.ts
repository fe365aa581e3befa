// Public tests for exercise 04. Run them with `npm test` (or `npm run test:exercises -- 04`).
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture } from '../../grader/runtime/check.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import type { DiagnosisContext } from '../../grader/runtime/diagnose.ts';
import { lstmCacheContext, lstmGradientContext, lstmStepBackwardContext } from '../../grader/runtime/mistakes/04-lstm.ts';
import { sequenceContext } from '../../grader/runtime/mistakes/shared.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './lstm.ts';
import type { LstmStepCache, Matrix } from '../shared/types.ts';

const student = loadSubmission<typeof Exercise>('04-lstm');

describe('lstmStepForward', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.example));
  graded('matches the reference on a batch of 3', 2, () => expectFixture(student, fixtures.step));
  graded('saves its inputs, the gates i, f, g, o and c in its cache', 1, async () => {
    const args = fixtures.stepCache.args as Parameters<typeof Exercise.lstmStepForward>;
    const [x, hPrev, cPrev, Wx, Wh, b] = args;
    const { cache } = await student.lstmStepForward(...args);
    const gates: Record<string, DiagnosisContext> = lstmCacheContext(b);
    for (const [key, value] of Object.entries({ x, hPrev, cPrev, Wx, Wh, ...fixtures.stepCache.expected })) {
      expectClose(`cache.${key}`, (cache as unknown as Record<string, unknown>)?.[key], value, undefined, gates[key]);
    }
  });
});

describe('lstmForward', () => {
  graded('matches the reference on 3 sequences of 4 steps (h and c of every step)', 2, () =>
    expectFixture(student, fixtures.sequence, undefined, sequenceContext),
  );
});

const [backwardDh, , backwardCache] = fixtures.stepBackward.args as [Matrix, Matrix, LstmStepCache];

describe('lstmStepBackward', () => {
  graded('matches the reference gradients on a batch of 3', 2, () =>
    expectFixture(student, fixtures.stepBackward, GRADIENT_TOLERANCE, lstmStepBackwardContext(backwardDh, backwardCache)),
  );
});

describe('lstmBackward', () => {
  graded('matches the reference gradients through 4 steps', 2, () =>
    expectFixture(student, fixtures.sequenceBackward, GRADIENT_TOLERANCE, lstmGradientContext),
  );
});
