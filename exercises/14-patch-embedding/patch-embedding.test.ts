// Public tests for exercise 14. Run them with `npm run test:exercises -- 14`.
// Expected values come from fixtures.json, computed by the course's TensorFlow.js reference.
import { describe } from 'vitest';
import { expectFixture, type Fixture } from '../../grader/runtime/check.ts';
import { graded } from '../../grader/runtime/graded.ts';
import { patchOrderMistakes, vitTokenMistakes } from '../../grader/runtime/mistakes/14-patch-embedding.ts';
import { loadSubmission } from '../../grader/runtime/seam.ts';
import type { Matrix, Tensor4 } from '../shared/types.ts';
import fixtures from './fixtures.json' with { type: 'json' };
import type * as Exercise from './patch-embedding.ts';

const student = loadSubmission<typeof Exercise>('14-patch-embedding');
const fixture = (name: keyof typeof fixtures): Fixture => fixtures[name] as Fixture;

/** Names a patch order mistake: each patch flattened in another order, or the grid read column by column. */
function expectPatches(name: 'examplePatchify' | 'exampleChannels' | 'patchify'): Promise<unknown> {
  const f = fixture(name);
  const [images, P] = f.args as [Tensor4, number];
  const alternatives = patchOrderMistakes(f.expected as Matrix[], P, images[0]![0]![0]!.length, images[0]![0]!.length / P);
  return expectFixture(student, f, undefined, { alternatives, axisNames: ['N', 'M', 'P·P·C'] });
}

describe('patchify', () => {
  graded('matches the worked example of README.md (a 4×4 grey image, P = 2)', 1, () => expectPatches('examplePatchify'));
  graded('flattens each patch in (row, col, channel) order (two channels)', 1, () => expectPatches('exampleChannels'));
  graded('matches the reference on 2 images of 6×4×3 with P = 2', 1, () => expectPatches('patchify'));
});

describe('patchEmbed', () => {
  graded('matches the reference on 2 images of 6 patches, K = 12, E = 5', 1, () =>
    expectFixture(student, fixture('patchEmbed'), undefined, { bias: fixtures.patchEmbed.args[2] as number[] }),
  );
});

describe('vitTokens', () => {
  for (const [name, title] of [
    ['exampleTokens', 'matches the worked example of README.md'],
    ['vitTokens', 'matches the reference on 2 images of 6×6×2 with P = 3, E = 4'],
  ] as const) {
    graded(title, 1, () => {
      const f = fixture(name);
      const { posEmbedding } = f.args[1] as Exercise.VitEmbeddingParams;
      return expectFixture(student, f, undefined, { alternatives: vitTokenMistakes(f.expected as Matrix[], posEmbedding) });
    });
  }
});
