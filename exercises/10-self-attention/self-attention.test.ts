// Public tests for exercise 10. Run them with `npm run test:exercises -- 10`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { expectExactZeros } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type { Matrix } from '../shared/types.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './self-attention.ts';

const student = loadSubmission<typeof Exercise>('10-self-attention');

/** The mask the weights were computed with, for the diagnosers (mask applied after the softmax, ignored, inverted). */
const maskContext = (mask: Matrix) => ({ outputs: { weights: { mask } } });
/** A masked attention fixture: the weights match the reference and are exactly 0 where the mask is 0 (README). */
async function expectMaskedFixture(fixture: Fixture): Promise<void> {
  const mask = fixture.args[3] as Matrix;
  const { weights } = (await expectFixture(student, fixture, undefined, maskContext(mask))) as { weights: unknown };
  expectExactZeros('scaledDotProductAttention(…).weights', weights, mask);
}
const causal = (T: number): Matrix => Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (j <= i ? 1 : 0)));

describe('projectQKV', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.exampleProject));
});

describe('scaledDotProductAttention', () => {
  graded('matches the worked example of README.md (no mask)', 1, () => expectFixture(student, fixtures.example));
  graded('matches the worked example of README.md with the causal mask', 1, () => expectMaskedFixture(fixtures.exampleCausal));
  graded('matches the reference with a padding mask, Tq = 3 queries, Tk = 4 keys, dv = 3', 1, () => expectMaskedFixture(fixtures.masked));
});

describe('causalMask', () => {
  graded('is 1 where j ≤ i and 0 above the diagonal (T = 4)', 1, () => expectFixture(student, fixtures.causalMask));
});

describe('splitHeads and mergeHeads', () => {
  graded('splitHeads matches the worked example of README.md', 1, () => expectFixture(student, fixtures.exampleSplit, undefined, { axisNames: ['B', 'h', 'T', 'd'] }));
  graded('mergeHeads matches the reference on 2 examples of 3 heads', 1, () => expectFixture(student, fixtures.merge));
});

describe('multiHeadSelfAttention', () => {
  graded('matches the reference: 2 heads, E = 4, no mask', 1, () => expectFixture(student, fixtures.multiHead));
  graded('matches the reference: 3 heads, E = 6, causal', 1, () => expectFixture(student, fixtures.multiHeadCausal, undefined, maskContext(causal(5))));
});
