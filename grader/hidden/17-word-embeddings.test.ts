import { describe } from 'vitest';
import type * as Exercise from '../../exercises/17-word-embeddings/word-embeddings.ts';
import * as ref from '../../reference/17-word-embeddings.ts';
import { ComparisonError, expectClose, expectData, GRADIENT_TOLERANCE } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { COSINE_NOT_NORMALIZED, EMBEDDING_GRAD_OVERWRITTEN, keepLastOccurrence } from '../runtime/mistakes/17-word-embeddings.ts';
import { loadSubmission } from '../runtime/seam.ts';
import type { Matrix, Tensor3, Vector } from '../runtime/shared/types.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('17-word-embeddings');
const random = hiddenRandom('17-word-embeddings');

const VOCAB = ['a', 'cat', 'dog', 'sat', 'on', 'the', 'mat', 'ran', 'fast', 'slow'];
const ids = (N: number, T: number, V: number): Matrix => Array.from({ length: N }, () => Array.from({ length: T }, () => random.int(V)));
const dot = (a: Vector, b: Vector): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
const sumAll = (x: Tensor3, y: Tensor3): number => x.reduce((s, row, n) => s + row.reduce((r, v, t) => r + dot(v, y[n]![t]!), 0), 0);

async function expectBackward(dout: Tensor3, i: Matrix, V: number): Promise<void> {
  const context: DiagnosisContext = { alternatives: [{ value: () => ref.embeddingBackward(keepLastOccurrence(dout, i), i, V), diagnosis: EMBEDDING_GRAD_OVERWRITTEN }] };
  expectClose('embeddingBackward(…)', await student.embeddingBackward(dout, i, V), ref.embeddingBackward(dout, i, V), GRADIENT_TOLERANCE, context);
}

async function expectCosine(a: Vector, b: Vector, expected = ref.cosineSimilarity(a, b)): Promise<void> {
  const context: DiagnosisContext = { alternatives: [{ value: dot(a, b), diagnosis: COSINE_NOT_NORMALIZED }] };
  expectClose(`cosineSimilarity([${a.length} numbers], [${b.length} numbers])`, await student.cosineSimilarity(a, b), expected, {}, context);
}

async function expectNeighbors(W: Matrix, vocab: string[], word: string, k: number): Promise<void> {
  const what = `nearestNeighbors(W, vocab, ${JSON.stringify(word)}, ${k})`;
  const got = await student.nearestNeighbors(W, vocab, word, k);
  if (Array.isArray(got) && got.some((n) => n?.word === word)) {
    throw new ComparisonError(`${what} lists ${JSON.stringify(word)} itself: a word is always its own closest vector (similarity 1), so it is left out.`);
  }
  expectData(what, got, ref.nearestNeighbors(W, vocab, word, k).map((n) => ({ ...n })));
}

describe('bagOfWords (hidden)', () => {
  graded('random tokens, some outside the vocabulary (ignored)', 1, async () => {
    const tokens = Array.from({ length: 25 }, () => (random.uniform() < 0.2 ? 'zebra' : VOCAB[random.int(VOCAB.length)]!));
    expectClose('bagOfWords(…)', await student.bagOfWords(tokens, VOCAB), ref.bagOfWords(tokens, VOCAB), { atol: 0, rtol: 0 });
  });
  graded('word order does not matter; no tokens give zeros; a vocabulary with a repeated word is a RangeError', 1, async () => {
    const tokens = ['the', 'cat', 'sat', 'on', 'the', 'mat'];
    const bag = await student.bagOfWords(tokens, VOCAB);
    expectClose('bagOfWords(the cat sat on the mat)', bag, ref.bagOfWords(tokens, VOCAB), { atol: 0, rtol: 0 });
    expectClose('bagOfWords(the mat sat on the cat)', await student.bagOfWords(['the', 'mat', 'sat', 'on', 'the', 'cat'], VOCAB), bag, { atol: 0, rtol: 0 });
    expectClose('bagOfWords([], vocab)', await student.bagOfWords([], VOCAB), new Array(VOCAB.length).fill(0));
    await expectRangeError('bagOfWords(…, ["a", "b", "a"])', student.bagOfWords(['a'], ['a', 'b', 'a']));
  });
});

describe('embeddingForward (hidden)', () => {
  graded('random ids [3][4] into W [7][5]', 1, async () => {
    const [i, W] = [ids(3, 4, 7), random.matrix(7, 5)];
    expectClose('embeddingForward(…)', await student.embeddingForward(i, W), ref.embeddingForward(i, W));
  });
  graded('N = 1, T = 1, and one id everywhere: every output row is that row of W', 1, async () => {
    const W = random.matrix(5, 3);
    expectClose('embeddingForward([[4]], W)', await student.embeddingForward([[4]], W), [[W[4]!]]);
    expectClose('embeddingForward([[2, 2], [2, 2]], W)', await student.embeddingForward([[2, 2], [2, 2]], W), [[W[2]!, W[2]!], [W[2]!, W[2]!]]);
  });
  graded('ids outside [0, V) or not integers are RangeErrors', 1, async () => {
    const W = random.matrix(4, 2);
    for (const bad of [-1, 4, 0.5]) await expectRangeError(`embeddingForward([[0, ${bad}]], W with V = 4)`, student.embeddingForward([[0, bad]], W));
  });
});

describe('embeddingBackward (hidden)', () => {
  graded('random dout [3][5][4], V = 6, with repeated ids: equals the reference’s autodiff', 2, async () => {
    const i = ids(3, 5, 6);
    i[2]![4] = i[0]![0]!;
    await expectBackward(random.tensor3(3, 5, 4), i, 6);
  });
  graded('one id at every position: its row is the sum of all dout rows, the others are 0', 1, async () => {
    const i = [[1, 1, 1], [1, 1, 1]];
    await expectBackward(random.tensor3(2, 3, 3), i, 4);
  });
  graded('fits the student’s own forward: Σ dW ⊙ W = Σ dout ⊙ embeddingForward(ids, W) (the map is linear)', 1, async () => {
    const [i, W, dout] = [ids(2, 6, 5), random.matrix(5, 3), random.tensor3(2, 6, 3)];
    const out = await student.embeddingForward(i, W);
    const dW = await student.embeddingBackward(dout, i, 5);
    expectClose('Σ_v dW[v] · W[v]', dW.reduce((s, row, v) => s + dot(row, W[v]!), 0), sumAll(dout, out), { atol: 1e-9, rtol: 1e-9 });
  });
  graded('ids outside [0, V) are RangeErrors', 1, async () => {
    await expectRangeError('embeddingBackward(dout, [[0, 3]], 3)', student.embeddingBackward([[[1], [1]]], [[0, 3]], 3));
    await expectRangeError('embeddingBackward(dout, [[-1]], 3)', student.embeddingBackward([[[1]]], [[-1]], 3));
  });
});

describe('skipGramPairs (hidden)', () => {
  graded('random tokens with window 3 and window 1', 1, async () => {
    const tokens = Array.from({ length: 9 }, () => random.int(20));
    for (const window of [3, 1]) expectClose(`skipGramPairs(tokens, ${window})`, await student.skipGramPairs(tokens, window), ref.skipGramPairs(tokens, window), { atol: 0, rtol: 0 });
  });
  graded('never the center with itself; a window wider than the text pairs every two positions; window < 1 is a RangeError', 1, async () => {
    const tokens = [10, 11, 12, 13];
    const pairs = await student.skipGramPairs(tokens, 10);
    expectClose('skipGramPairs([10, 11, 12, 13], 10)', pairs, ref.skipGramPairs(tokens, 10), { atol: 0, rtol: 0 });
    expectClose('skipGramPairs([7], 2)', await student.skipGramPairs([7], 2), []);
    for (const window of [0, 1.5]) await expectRangeError(`skipGramPairs(tokens, ${window})`, student.skipGramPairs(tokens, window));
  });
});

describe('cosineSimilarity (hidden)', () => {
  graded('random vectors; scaling does not change it; cos(a, a) = 1 and cos(a, −a) = −1', 1, async () => {
    const [a, b] = [random.vector(6, 3), random.vector(6, 3)];
    await expectCosine(a, b);
    await expectCosine(a.map((v) => 7 * v), b, ref.cosineSimilarity(a, b));
    await expectCosine(a, a, 1);
    await expectCosine(a, a.map((v) => -v), -1);
  });
  graded('a zero vector and vectors of different lengths are RangeErrors', 1, async () => {
    await expectRangeError('cosineSimilarity([0, 0, 0], b)', student.cosineSimilarity([0, 0, 0], [1, 2, 3]));
    await expectRangeError('cosineSimilarity([1, 2], [1, 2, 3])', student.cosineSimilarity([1, 2], [1, 2, 3]));
  });
});

describe('nearestNeighbors (hidden)', () => {
  graded('random embedding of 10 words: the 4 nearest, most similar first, with their similarities', 2, async () => {
    const W = random.matrix(VOCAB.length, 4);
    await expectNeighbors(W, VOCAB, VOCAB[random.int(VOCAB.length)]!, 4);
    await expectNeighbors(W, VOCAB, 'cat', 4);
  });
  graded('the word itself is left out even when another word has the same vector; ties keep vocabulary order', 1, async () => {
    const W = random.matrix(6, 3);
    W[4] = [...W[1]!];
    W[2] = W[1]!.map((v) => 2 * v); // same direction: similarity 1 to words 1 and 4
    const vocab = VOCAB.slice(0, 6);
    await expectNeighbors(W, vocab, vocab[4]!, 3);
    await expectNeighbors(W, vocab, vocab[1]!, 2);
  });
  graded('k ≥ V − 1 gives every other word, k = 0 none; an unknown word is a RangeError', 1, async () => {
    const W = random.matrix(5, 3);
    const vocab = VOCAB.slice(0, 5);
    await expectNeighbors(W, vocab, 'dog', 10);
    expectData('nearestNeighbors(…, k = 0)', await student.nearestNeighbors(W, vocab, 'dog', 0), []);
    await expectRangeError('nearestNeighbors(W, vocab, "zebra", 2)', student.nearestNeighbors(W, vocab, 'zebra', 2));
  });
});
