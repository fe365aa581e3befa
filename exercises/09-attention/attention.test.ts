// Public tests for exercise 09. Run them with `npm run test:exercises -- 09`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { expectExactZeros } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { validLensContext } from '../../grader/runtime/mistakes/09-attention.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type * as Exercise from './attention.ts';
import fixtures from './fixtures.json' with { type: 'json' };

const student = loadSubmission<typeof Exercise>('09-attention');
const fixture = (name: keyof typeof fixtures): Fixture => fixtures[name] as Fixture;

/**
 * The mask the fixture's valid lengths stand for, so that a mask applied wrongly is named; masked weights
 * must be exactly 0, as the README says.
 */
async function maskedSoftmaxFixture(name: 'exampleSoftmax' | 'softmaxPerBatch' | 'softmaxPerQuery' | 'softmaxPlain'): Promise<void> {
  const [scores, lens] = fixture(name).args as Parameters<typeof Exercise.maskedSoftmax>;
  const shape = [scores.length, scores[0]!.length, scores[0]![0]!.length] as const;
  const context = { ...validLensContext(shape, lens, scores), logits: lens ? undefined : scores };
  expectExactZeros('maskedSoftmax(…)', await expectFixture(student, fixture(name), undefined, context), context.mask!);
}

describe('dotScores', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixture('exampleDot')));
  graded('matches the reference on a batch of 2, 3 queries, 4 keys, d = 5', 1, () => expectFixture(student, fixture('dot')));
});

describe('additiveScores', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixture('exampleAdditive')));
  graded('matches the reference with queries and keys of different sizes (dq = 4, dk = 3, A = 3)', 1, () => expectFixture(student, fixture('additive')));
});

describe('maskedSoftmax', () => {
  graded('matches the worked example of README.md (validLens [2]: the third key is masked)', 1, () => maskedSoftmaxFixture('exampleSoftmax'));
  graded('matches the reference with one length per batch, one per query, and none', 1, async () => {
    await maskedSoftmaxFixture('softmaxPerBatch');
    await maskedSoftmaxFixture('softmaxPerQuery');
    await maskedSoftmaxFixture('softmaxPlain');
  });
});

describe('attentionContext', () => {
  graded('matches the worked example of README.md and the reference on a batch of 2', 1, async () => {
    await expectFixture(student, fixture('exampleContext'));
    await expectFixture(student, fixture('context'));
  });
});

describe('bahdanauStep', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixture('exampleStep')));
  graded('matches the reference on a batch of 3 with padded encoder outputs (T = 5, H = 4, A = 3)', 1, () => expectFixture(student, fixture('step')));
});
