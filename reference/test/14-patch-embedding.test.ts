/**
 * Checks the 14-patch-embedding reference on its own: patchify + patchEmbed against a strided tf.conv2d (the
 * way ViT implementations compute it), patchify against its definition pixel by pixel, the tokens'
 * layout, the RangeErrors, and that no call leaks tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import type { VitEmbeddingParams } from '../../exercises/14-patch-embedding/patch-embedding.ts';
import type { Matrix, Tensor3, Tensor4 } from '../../grader/runtime/shared/types.ts';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/14-patch-embedding/patch-embedding.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../14-patch-embedding.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(1414);
const images = (N: number, H: number, W: number, C: number): Tensor4 => Array.from({ length: N }, () => random.tensor3(H, W, C));

/** A P×P convolution with stride P (no padding), kernel W [P·P·C][E] read as [P][P][C][E], plus b: [N][M][E]. */
function stridedConv(x: Tensor4, P: number, W: Matrix, b: number[]): Tensor3 {
  return tf.tidy(() => {
    const C = x[0]![0]![0]!.length;
    const kernel = tf.reshape(tf.tensor2d(W), [P, P, C, W[0]!.length]) as tf.Tensor4D;
    const out = tf.add(tf.conv2d(tf.tensor4d(x), kernel, P, 'valid'), tf.tensor1d(b));
    const [N, rows, cols, E] = out.shape;
    return tf.reshape(out, [N, rows * cols, E]).arraySync() as Tensor3;
  });
}

test.each([
  [2, 8, 6, 3, 2, 5],
  [1, 4, 4, 1, 4, 3],
  [3, 6, 9, 2, 3, 4],
])('patchEmbed(patchify(x)) equals tf.conv2d with stride = kernel = P (N=%i H=%i W=%i C=%i P=%i E=%i)', (N, H, W, C, P, E) => {
  const x = images(N, H, W, C);
  const [Wp, b] = [random.matrix(P * P * C, E), random.vector(E)];
  const tokens = noLeaks(() => ref.patchEmbed(noLeaks(() => ref.patchify(x, P)), Wp, b));
  expectClose('patch embeddings vs conv2d', tokens, stridedConv(x, P, Wp, b), { atol: 1e-5, rtol: 1e-5 });
});

test('patch r·(W/P) + c holds pixels (r·P + i, c·P + j), channel fastest', () => {
  const [N, H, W, C, P] = [2, 6, 4, 3, 2];
  const x = images(N, H, W, C);
  const patches = ref.patchify(x, P);
  expect([patches.length, patches[0]!.length, patches[0]![0]!.length]).toEqual([N, (H / P) * (W / P), P * P * C]);
  for (let n = 0; n < N; n++)
    for (let r = 0; r < H / P; r++)
      for (let c = 0; c < W / P; c++)
        for (let i = 0; i < P; i++)
          for (let j = 0; j < P; j++)
            for (let ch = 0; ch < C; ch++) expect(patches[n]![r * (W / P) + c]![(i * P + j) * C + ch]).toBeCloseTo(x[n]![r * P + i]![c * P + j]![ch]!, 6);
});

test('vitTokens is [class token; patch embeddings] + posEmbedding', () => {
  const [N, H, W, C, P, E] = [2, 6, 6, 2, 3, 4];
  const x = images(N, H, W, C);
  const params: VitEmbeddingParams = { P, W: random.matrix(P * P * C, E), b: random.vector(E), classToken: random.vector(E), posEmbedding: random.matrix(5, E) };
  const tokens = noLeaks(() => ref.vitTokens(x, params));
  const embedded = stridedConv(x, P, params.W, params.b);
  const expected = embedded.map((image) => [params.classToken, ...image].map((token, t) => token.map((v, e) => v + params.posEmbedding[t]![e]!)));
  expectClose('tokens', tokens, expected, { atol: 1e-5, rtol: 1e-5 });
});

test('the reference equals the float64 solution', () => {
  const x = images(2, 4, 6, 3);
  const params: VitEmbeddingParams = { P: 2, W: random.matrix(12, 3), b: random.vector(3), classToken: random.vector(3), posEmbedding: random.matrix(7, 3) };
  expectClose('patchify', ref.patchify(x, 2), float64.patchify(x, 2));
  expectClose('vitTokens', ref.vitTokens(x, params), float64.vitTokens(x, params));
});

test('bad sizes are RangeErrors, and leave no tensor behind', () => {
  const x = images(1, 4, 6, 1);
  for (const P of [4, 0, 1.5]) noLeaks(() => expect(() => ref.patchify(x, P)).toThrow(RangeError));
  noLeaks(() => expect(() => ref.patchEmbed(random.tensor3(1, 2, 4), random.matrix(3, 2), random.vector(2))).toThrow(RangeError));
  const params: VitEmbeddingParams = { P: 2, W: random.matrix(4, 2), b: random.vector(2), classToken: random.vector(2), posEmbedding: random.matrix(6, 2) };
  noLeaks(() => expect(() => ref.vitTokens(x, params)).toThrow(RangeError)); // 6 patches need 7 rows
});
