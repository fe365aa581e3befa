// Public tests for exercise 13. Run them with `npm run test:exercises -- 13`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture } from '../../grader/runtime/check.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type { Vector } from '../shared/types.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './transformer-block.ts';

const student = loadSubmission<typeof Exercise>('13-transformer-block');

/** The FFN's output bias b2 (spots a missing or doubled bias), and layer norm's β (spots an unbiased variance). */
const ffnContext = (b2: Vector) => ({ bias: b2 });
const normContext = (beta: Vector) => ({ layerNorm: { beta } });

describe('positionwiseFFN', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.exampleFFN, undefined, ffnContext(fixtures.exampleFFN.args[4] as Vector)));
  graded('matches the reference on 2 sequences of 3 positions, E = 4, F = 8', 1, () => expectFixture(student, fixtures.ffn, undefined, ffnContext(fixtures.ffn.args[4] as Vector)));
});

describe('addNorm', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.exampleAddNorm, undefined, normContext(fixtures.exampleAddNorm.args[3] as Vector)));
  graded('matches the reference on 2 sequences of 3 positions, E = 5', 1, () => expectFixture(student, fixtures.addNorm, undefined, normContext(fixtures.addNorm.args[3] as Vector)));
});

describe('transformerEncoderBlock', () => {
  graded('post-norm, 2 heads, E = 4, F = 8: matches the reference', 1, () => expectFixture(student, fixtures.postNorm));
  graded('pre-norm and causal, 3 heads, E = 6, F = 12: matches the reference', 1, () => expectFixture(student, fixtures.preNormCausal));
});
