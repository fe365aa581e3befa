// Public tests for exercise 16. Run them with `npm run test:exercises -- 16`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { expectClose } from '../../grader/runtime/compare.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { sequenceContext } from '../../grader/runtime/mistakes/shared.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type * as Exercise from './lstm-autoencoder.ts';
import fixtures from './fixtures.json' with { type: 'json' };

const student = loadSubmission<typeof Exercise>('16-lstm-autoencoder');
const fixture = (name: keyof typeof fixtures): Fixture => fixtures[name] as Fixture;
/** recon is a sequence [N][T][D]: spots a reconstruction shifted by one step or laid out time-major. */
const reconContext = { outputs: { recon: { ...sequenceContext, axisNames: ['N', 'T', 'D'] } } };

describe('lstmAutoencoderForward', () => {
  graded('worked example of README.md: the code is the encoder’s final hidden state', 1, async () => {
    const [x, params] = fixtures.example.args as Parameters<typeof Exercise.lstmAutoencoderForward>;
    const { code } = await student.lstmAutoencoderForward(x, params);
    expectClose('lstmAutoencoderForward(…).code', code, fixtures.example.expected.code);
  });
  graded('worked example of README.md: the reconstruction', 1, () => expectFixture(student, fixture('example'), undefined, reconContext));
  graded('matches the reference on 2 sequences of 5 steps, D = 3, H = Hd = 4', 2, () => expectFixture(student, fixture('forward'), undefined, reconContext));
  graded('matches the reference with three different sizes (D = 2, H = 3, Hd = 5)', 1, () => expectFixture(student, fixture('sizes'), undefined, reconContext));
});
