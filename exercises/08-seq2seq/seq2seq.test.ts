// Public tests for exercise 08. Run them with `npm run test:exercises -- 08`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { sequenceContext } from '../../grader/runtime/mistakes/shared.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type * as Exercise from './seq2seq.ts';
import fixtures from './fixtures.json' with { type: 'json' };

const student = loadSubmission<typeof Exercise>('08-seq2seq');
const fixture = (name: keyof typeof fixtures): Fixture => fixtures[name] as Fixture;

describe('encode', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixture('exampleEncode')));
  graded('matches the reference on 3 source sentences of 6 tokens (Vs = 7, E = 4, H = 5)', 1, () => expectFixture(student, fixture('encode')));
});

describe('decodeTeacherForcing', () => {
  graded('matches the worked example of README.md', 1, () => expectFixture(student, fixture('exampleTeacherForcing'), undefined, sequenceContext));
  graded('matches the reference on 3 target sentences of 4 tokens (Vt = 6)', 1, () => expectFixture(student, fixture('teacherForcing'), undefined, sequenceContext));
});

describe('greedyDecode', () => {
  graded('matches the worked example of README.md: stops after emitting <eos>', 1, () => expectFixture(student, fixture('exampleGreedy')));
  graded('matches the worked example of README.md with maxLen = 2', 1, () => expectFixture(student, fixture('exampleGreedyShort')));
  graded('matches the reference on the random model: each example stops at its own <eos>', 1, () => expectFixture(student, fixture('greedy')));
});
