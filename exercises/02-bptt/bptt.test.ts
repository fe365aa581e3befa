// Public tests for exercise 02. Run them with `npm test` (or `npm run test:exercises -- 02`).
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference (autodiff).
import { describe } from 'vitest';
import { expectFixture } from '../../grader/runtime/check.ts';
import { GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { clipGlobalNormMistakes, lossAveragedOverTime } from '../../grader/runtime/mistakes/02-bptt.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type { GradientRecord } from '../shared/types.ts';
import type * as Exercise from './bptt.ts';
import fixtures from './fixtures.json' with { type: 'json' };

const student = loadSubmission<typeof Exercise>('02-bptt');

// Your gradients are float64; the reference's are float32 autodiff, hence the looser gradient tolerance.
describe('rnnStepBackward', () => {
  graded('matches the reference on a batch of 3', 2, () => expectFixture(student, fixtures.step, GRADIENT_TOLERANCE));
});

describe('rnnBackward', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.example, GRADIENT_TOLERANCE));
  graded('matches the reference on 3 sequences of 4 steps', 2, () => expectFixture(student, fixtures.sequence, GRADIENT_TOLERANCE));
});

describe('temporalSoftmaxLoss', () => {
  graded('matches the reference on padded sequences (mask)', 2, () =>
    expectFixture(student, fixtures.loss, GRADIENT_TOLERANCE, { alternatives: [lossAveragedOverTime(fixtures.loss.expected, (fixtures.loss.args[0] as number[][][])[0]!.length)] }),
  );
});

describe('clipping', () => {
  graded('clipElementwise clips every entry to [−limit, limit]', 1, () => expectFixture(student, fixtures.clipElementwise));
  graded('clipGlobalNorm rescales all gradients together', 1, () =>
    expectFixture(student, fixtures.clipGlobalNorm, undefined, { alternatives: clipGlobalNormMistakes(...(fixtures.clipGlobalNorm.args as [GradientRecord, number])) }),
  );
});

describe('rnnBackwardTruncated', () => {
  graded('matches the reference with k = 2 on 5 steps', 2, () => expectFixture(student, fixtures.truncated, GRADIENT_TOLERANCE));
});
