// Public tests for exercise 12. Run them with `npm run test:exercises -- 12`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture } from '../../grader/runtime/check.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './layernorm.ts';

const student = loadSubmission<typeof Exercise>('12-layernorm');

/** out = β + (γ ⊙ x̂): the normalized part is out − β (the diagnoser recognizes an unbiased variance). */
const lnContext = (beta: number[]) => ({ outputs: { out: { layerNorm: { beta } } } });

describe('layerNormForward', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.example, undefined, lnContext(fixtures.example.args[2] as number[])));
  graded('matches the reference on a batch of 4 rows of 6 features', 1, () =>
    expectFixture(student, fixtures.forward, undefined, lnContext(fixtures.forward.args[2] as number[])),
  );
  graded('uses the eps it is given (eps = 1e-3, rows of small variance)', 1, () => expectFixture(student, fixtures.forwardEps));
  graded('saves mean, invStd and xHat in its cache', 1, async () => {
    const [x, gamma, beta] = fixtures.forwardCache.args as Parameters<typeof Exercise.layerNormForward>;
    const { cache } = await student.layerNormForward(x, gamma, beta);
    const saved = { ...fixtures.forwardCache.expected, x, gamma, eps: 1e-5 };
    for (const [key, value] of Object.entries(saved)) {
      expectClose(`cache.${key}`, (cache as unknown as Record<string, unknown>)?.[key], value);
    }
  });
});

describe('layerNormBackward', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.exampleBackward, GRADIENT_TOLERANCE));
  graded('matches the reference’s autodiff on a batch of 4', 2, () => expectFixture(student, fixtures.backward, GRADIENT_TOLERANCE));
});

describe('batchNormForward', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixtures.exampleBatchNorm));
  graded('matches the reference on a batch of 5 rows of 3 features', 1, () => expectFixture(student, fixtures.batchNorm));
});
