/**
 * Checks the 07-char-lm reference on its own: its hidden states against tf.layers.simpleRNN on the one-hot
 * sequence, its generated text replayed through that layer with the same draws, the limits of perplexity
 * (uniform → V, perfect → 1), greedy sampling at a tiny temperature, the empirical frequencies of many draws,
 * the float64 solution, and that no call leaks tensors.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CharRnnModel } from '../../exercises/07-char-lm/char-lm.ts';
import { seededUniform } from '../../grader/runtime/shared/random.ts';
import type { Matrix, Tensor3 } from '../../grader/runtime/shared/types.ts';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/07-char-lm/char-lm.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../07-char-lm.ts';
import { noLeaks, runLayerWithWeights } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(707);
const vocab = ref.buildVocab('hello world');
const model = ref.randomCharModel(random, vocab.chars, 5);
const V = vocab.chars.length;

/** tf.layers.simpleRNN (tanh, from h = 0) on the one-hot rows of `text`, then the output layer: states and logits. */
function layersCharRnn(m: CharRnnModel, text: string): { h: Matrix; logits: Matrix } {
  const units = m.Wh.length;
  const layer = tfl.layers.simpleRNN({ units, activation: 'tanh', returnSequences: true, recurrentInitializer: 'zeros' });
  const x: Tensor3 = [ref.oneHot(Array.from(text, (c) => m.chars.indexOf(c)), m.chars.length)];
  const [h] = runLayerWithWeights(layer, x, [[new Array<number>(units).fill(0)]], [m.Wx, m.Wh, m.b]);
  const logits = h[0]!.map((row) => m.by.map((bias, v) => bias + row.reduce((s, hj, j) => s + hj * m.Wy[j]![v]!, 0)));
  return { h: h[0]!, logits };
}

describe('reference character RNN', () => {
  test('its hidden states on a text equal tf.layers.simpleRNN with the same weights', () => {
    const states = noLeaks(() => ref.charStates(model, 'hello world'));
    expectClose('states', states, layersCharRnn(model, 'hello world').h, { atol: 1e-5, rtol: 0 });
  });

  test('generate is the simpleRNN fed its own samples: replaying the text with the same draws gives the same ids', () => {
    for (const temperature of [1, 0.6, 2]) {
      const seedText = 'he';
      const text = noLeaks(() => ref.generate(model, seedText, 20, { temperature, seed: 42 }));
      expect(text).toHaveLength(20);
      // The logits after reading seed + text[0..k−1] predict text[k]; the same k-th draw must pick it.
      const { logits } = layersCharRnn(model, seedText + text);
      const uniform = seededUniform(42);
      [...text].forEach((c, k) => {
        const probs = float64.softmaxWithTemperature(logits[seedText.length - 1 + k]!, temperature);
        expect(vocab.chars[float64.sampleNext(probs, uniform())], `character ${k} at T = ${temperature}`).toBe(c);
      });
    }
  });

  test('a fixed seed is reproducible; temperature 1e-4 samples the argmax every time, like temperature 0', () => {
    const options = { temperature: 1, seed: 3 };
    expect(ref.generate(model, 'wo', 30, options)).toBe(ref.generate(model, 'wo', 30, options));
    const greedy = ref.generate(model, 'wo', 15, { temperature: 1e-4, seed: 5 });
    expect(ref.generate(model, 'wo', 15, { temperature: 0, seed: 99 })).toBe(greedy);
    const { logits } = layersCharRnn(model, `wo${greedy}`);
    [...greedy].forEach((c, k) => {
      const row = logits[1 + k]!;
      expect(c, `character ${k}`).toBe(vocab.chars[row.indexOf(Math.max(...row))]);
    });
  });
});

describe('reference sampling and softmax', () => {
  test('the empirical frequencies of 20000 draws match probs', () => {
    const probs = ref.softmaxWithTemperature(random.vector(6, 1.5), 1);
    const uniform = seededUniform(11);
    const counts = new Array<number>(6).fill(0);
    const draws = 20_000;
    for (let k = 0; k < draws; k++) counts[ref.sampleNext(probs, uniform())]!++;
    // 4 standard deviations of a binomial frequency: √(p(1−p)/n) ≤ 0.0036.
    expectClose('frequencies', counts.map((c) => c / draws), probs, { atol: 0.015, rtol: 0 });
  });

  test('softmax sums to 1, survives logits of ±1000, and T = 0 is the first argmax', () => {
    const probs = noLeaks(() => ref.softmaxWithTemperature([1000, 999, -1000], 1));
    expectClose('softmax of large logits', probs, float64.softmaxWithTemperature([1000, 999, -1000], 1));
    expect(ref.softmaxWithTemperature([1, 3, 3], 0)).toEqual([0, 1, 0]);
    expect(() => ref.softmaxWithTemperature([1, 2], -1)).toThrow(RangeError);
  });
});

describe('reference perplexity', () => {
  test('uniform predictions give V, perfect predictions give 1', () => {
    const targets = [0, 3, 7, 2, 2];
    expectClose('uniform', noLeaks(() => ref.perplexity(targets.map(() => new Array<number>(V).fill(1 / V)), targets)), V);
    expectClose('perfect', ref.perplexity(ref.oneHot(targets, V), targets), 1);
  });

  test('is exp of the mean cross-entropy of the true next characters', () => {
    const probs = Array.from({ length: 6 }, () => ref.softmaxWithTemperature(random.vector(V, 2), 1));
    const targets = probs.map(() => random.int(V));
    const crossEntropy = -targets.reduce((s, y, t) => s + Math.log(probs[t]![y]!), 0) / targets.length;
    expectClose('perplexity', ref.perplexity(probs, targets), Math.exp(crossEntropy));
  });
});

test('the reference equals the float64 solution', () => {
  const text = 'zé😀Zé\uFFFD a😀';
  expect(ref.buildVocab(text)).toEqual(float64.buildVocab(text));
  expect(ref.oneHot([2, 0, 1], 3)).toEqual(float64.oneHot([2, 0, 1], 3));
  const logits = random.vector(V, 3);
  for (const T of [0, 0.5, 1, 4]) expectClose(`softmax T = ${T}`, ref.softmaxWithTemperature(logits, T), float64.softmaxWithTemperature(logits, T));
  const probs = [0.125, 0, 0.375, 0.5];
  for (const u of [0, 0.125, 0.3, 0.5, 0.9999]) expect(ref.sampleNext(probs, u), `u = ${u}`).toBe(float64.sampleNext(probs, u));
  for (const temperature of [0, 0.8, 1.3]) {
    expect(ref.generate(model, 'lo', 25, { temperature, seed: 8 }), `T = ${temperature}`).toBe(float64.generate(model, 'lo', 25, { temperature, seed: 8 }));
  }
  const predicted = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]];
  expectClose('perplexity', ref.perplexity(predicted, [0, 2]), float64.perplexity(predicted, [0, 2]));
});

test('no call leaves a tensor behind', () => {
  noLeaks(() => ref.oneHot([1, 2], 4));
  noLeaks(() => ref.softmaxWithTemperature([1, 2, 3], 0));
  noLeaks(() => ref.sampleNext([0.5, 0.5], 0.7));
  noLeaks(() => ref.charStates(model, 'low'));
  noLeaks(() => ref.generate(model, 'low', 5, { temperature: 0.5, seed: 1 }));
  noLeaks(() => ref.perplexity([[0.5, 0.5]], [1]));
});
