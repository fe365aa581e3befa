import { describe } from 'vitest';
import type * as Exercise from '../../exercises/14-patch-embedding/patch-embedding.ts';
import type { VitEmbeddingParams } from '../../exercises/14-patch-embedding/patch-embedding.ts';
import * as ref from '../../reference/14-patch-embedding.ts';
import { expectClose } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { patchOrderMistakes, vitTokenMistakes } from '../runtime/mistakes/14-patch-embedding.ts';
import { loadSubmission } from '../runtime/seam.ts';
import type { Tensor3, Tensor4 } from '../runtime/shared/types.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('14-patch-embedding');
const random = hiddenRandom('14-patch-embedding');

const images = (N: number, H: number, W: number, C: number): Tensor4 => Array.from({ length: N }, () => random.tensor3(H, W, C));
const params = (P: number, C: number, E: number, M: number): VitEmbeddingParams => ({
  P,
  W: random.matrix(P * P * C, E, 0.5),
  b: random.vector(E),
  classToken: random.vector(E),
  posEmbedding: random.matrix(1 + M, E),
});
const sizes = (x: Tensor4) => ({ W: x[0]![0]!.length, C: x[0]![0]![0]!.length });

async function expectPatchify(x: Tensor4, P: number): Promise<void> {
  const expected = ref.patchify(x, P);
  const { W, C } = sizes(x);
  const context: DiagnosisContext = { alternatives: patchOrderMistakes(expected, P, C, W / P), axisNames: ['N', 'M', 'P·P·C'] };
  expectClose(`patchify(x, ${P})`, await student.patchify(x, P), expected, undefined, context);
}

async function expectTokens(x: Tensor4, p: VitEmbeddingParams): Promise<void> {
  const expected = ref.vitTokens(x, p);
  expectClose('vitTokens(…)', await student.vitTokens(x, p), expected, undefined, { alternatives: vitTokenMistakes(expected, p.posEmbedding) });
}

describe('patchify (hidden)', () => {
  graded('random batch, N=3 of 8×6×3 with P = 2', 2, () => expectPatchify(images(3, 8, 6, 3), 2));
  graded('P = H = W gives one patch (the whole image); P = 1 gives one patch per pixel', 1, async () => {
    await expectPatchify(images(2, 3, 3, 2), 3);
    await expectPatchify(images(1, 2, 3, 2), 1);
  });
  graded('a wide grid (4×12, one channel, P = 4): 1 row of 3 patches', 1, () => expectPatchify(images(1, 4, 12, 1), 4));
  graded('a tall grid (9×3, P = 3) with 3 channels: 3 rows of 1 patch', 1, () => expectPatchify(images(2, 9, 3, 3), 3));
  graded('P that does not divide H or W, and P = 0, throw a RangeError', 1, async () => {
    const x = images(1, 6, 4, 1);
    await expectRangeError('patchify(x of 6×4, P = 4)', student.patchify(x, 4));
    await expectRangeError('patchify(x of 6×4, P = 3)', student.patchify(x, 3));
    await expectRangeError('patchify(x, P = 0)', student.patchify(x, 0));
  });
});

describe('patchEmbed (hidden)', () => {
  graded('random patches, N=3 M=5 K=8 E=6', 2, async () => {
    const [patches, W, b] = [random.tensor3(3, 5, 8), random.matrix(8, 6), random.vector(6)];
    expectClose('patchEmbed(…)', await student.patchEmbed(patches, W, b), ref.patchEmbed(patches, W, b), undefined, { bias: b, axisNames: ['N', 'M', 'E'] });
  });
  graded('one patch of one image (N = M = 1); W = 0 gives b for every patch', 1, async () => {
    const [patches, W, b] = [random.tensor3(1, 1, 4), random.matrix(4, 3), random.vector(3)];
    expectClose('patchEmbed(one patch)', await student.patchEmbed(patches, W, b), ref.patchEmbed(patches, W, b), undefined, { bias: b });
    const many = random.tensor3(2, 3, 4);
    const zeroW = W.map((row) => row.map(() => 0));
    expectClose('patchEmbed(patches, W = 0, b)', await student.patchEmbed(many, zeroW, b), many.map((image) => image.map(() => b)));
  });
  graded('W with the wrong number of rows throws a RangeError', 1, () =>
    expectRangeError('patchEmbed(patches with K = 6, W with 5 rows)', student.patchEmbed(random.tensor3(1, 2, 6), random.matrix(5, 3), random.vector(3))),
  );
});

describe('vitTokens (hidden)', () => {
  graded('random batch, N=2 of 6×4×3 with P = 2, E = 5', 2, () => expectTokens(images(2, 6, 4, 3), params(2, 3, 5, 6)));
  graded('a 32×32×3 image with P = 8: 16 patches + the class token, E = 8', 1, () => expectTokens(images(1, 32, 32, 3), params(8, 3, 8, 16)));
  graded('token 0 of every image is classToken + posEmbedding[0], whatever the image', 1, async () => {
    const p = params(2, 1, 3, 4);
    const tokens = await student.vitTokens(images(3, 4, 4, 1), p);
    const first = p.classToken.map((v, e) => v + p.posEmbedding[0]![e]!);
    expectClose('vitTokens(…)[n][0] for every n', tokens.map((image) => image[0]), [first, first, first]);
  });
  graded('your own patchify → patchEmbed, the class token and posEmbedding give your tokens', 1, async () => {
    const [x, p] = [images(2, 4, 6, 2), params(2, 2, 3, 6)];
    const embedded: Tensor3 = await student.patchEmbed(await student.patchify(x, p.P), p.W, p.b);
    const tokens = embedded.map((image) => [p.classToken, ...image].map((token, t) => token.map((v, e) => v + p.posEmbedding[t]![e]!)));
    expectClose('your patchEmbed(patchify(x)) with the class token and positions', tokens, ref.vitTokens(x, p));
    expectClose('vitTokens(x, …)', await student.vitTokens(x, p), tokens);
  });
  graded('posEmbedding without the class token’s row (M rows instead of 1 + M) throws a RangeError', 1, async () => {
    const p = params(2, 1, 3, 4);
    await expectRangeError('vitTokens(…, posEmbedding with M = 4 rows)', student.vitTokens(images(1, 4, 4, 1), { ...p, posEmbedding: p.posEmbedding.slice(1) }));
  });
});
