// Public tests for exercise 07. Run them with `npm run test:exercises -- 07`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type * as Exercise from './char-lm.ts';
import fixtures from './fixtures.json' with { type: 'json' };

const student = loadSubmission<typeof Exercise>('07-char-lm');
const fixture = (name: keyof typeof fixtures): Fixture => fixtures[name] as Fixture;

describe('buildVocab and oneHot', () => {
  graded('buildVocab("hello world") matches the worked example of README.md', 1, () => expectFixture(student, fixture('vocab')));
  graded('oneHot([3, 2, 4, 4], 8) matches the worked example of README.md', 1, () => expectFixture(student, fixture('oneHot')));
});

describe('softmaxWithTemperature', () => {
  graded('matches the worked example of README.md at T = 1 and T = 0.5', 1, async () => {
    await expectFixture(student, fixture('softmaxT1'));
    await expectFixture(student, fixture('softmaxT05'));
  });
  graded('T = 2 flattens the distribution, T = 0 is the one-hot of the argmax', 1, async () => {
    await expectFixture(student, fixture('softmaxT2'));
    await expectFixture(student, fixture('softmaxT0'));
  });
});

describe('sampleNext', () => {
  graded('picks the worked example’s ids for u = 0, 0.25, 0.6 and 0.99 (strictly u < cumsum)', 1, async () => {
    for (const name of ['sample0', 'sample1', 'sample2', 'sample3'] as const) await expectFixture(student, fixture(name));
  });
});

describe('generate', () => {
  graded('reproduces the reference’s 20 characters after "hel" (temperature 1, seed 7)', 2, () => expectFixture(student, fixture('generate')));
  graded('greedy decoding (temperature 0) follows the argmax', 1, () => expectFixture(student, fixture('generateGreedy')));
});

describe('perplexity', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixture('perplexity')));
});
