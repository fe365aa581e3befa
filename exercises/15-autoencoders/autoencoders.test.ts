// Public tests for exercise 15. Run them with `npm run test:exercises -- 15`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type * as Exercise from './autoencoders.ts';
import fixtures from './fixtures.json' with { type: 'json' };

const student = loadSubmission<typeof Exercise>('15-autoencoders');
const fixture = (name: keyof typeof fixtures): Fixture => fixtures[name] as Fixture;
const check = (name: keyof typeof fixtures) => () => expectFixture(student, fixture(name));

describe('denseAutoencoderForward', () => {
  graded('matches the worked example of README.md (relu code, sigmoid reconstruction)', 1, () =>
    expectFixture(student, fixture('exampleForward'), undefined, { outputs: { recon: { activation: 'sigmoid' } } }),
  );
  graded('matches the reference on 5 inputs of 8 pixels, K = 3', 1, check('forward'));
});

describe('mseLoss and bceLoss', () => {
  graded('match the worked example of README.md', 1, async () => {
    await check('exampleMse')();
    await check('exampleBce')();
  });
  graded('match the reference on a batch of 4 × 6', 1, async () => {
    await check('mse')();
    await check('losses')();
  });
});

describe('addGaussianNoise and denoisingLoss', () => {
  graded('addGaussianNoise matches the worked example and the reference (same seed, same draws, clipped)', 1, async () => {
    await check('exampleNoise')();
    await check('noise')();
  });
  graded('denoisingLoss compares the reconstruction with the clean input (worked example, reference)', 1, async () => {
    await check('exampleDenoising')();
    await check('denoising')();
  });
});

describe('l1SparsityPenalty', () => {
  graded('matches the worked example and the reference', 1, async () => {
    await check('exampleL1')();
    await check('l1')();
  });
});

describe('vaeReparameterize and vaeKl', () => {
  graded('vaeReparameterize matches the worked example and the reference', 1, async () => {
    await check('exampleReparameterize')();
    await check('reparameterize')();
  });
  graded('vaeKl matches the worked example and the reference', 1, async () => {
    await check('exampleKl')();
    await check('kl')();
  });
});
