import { describe } from 'vitest';
import type * as Exercise from '../../exercises/07-char-lm/char-lm.ts';
import * as ref from '../../reference/07-char-lm.ts';
import { expectOutputs } from '../runtime/check.ts';
import { ComparisonError, expectClose, expectData } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { PERPLEXITY_LOG2, PERPLEXITY_NO_EXP, SAMPLE_LESS_EQUAL, TEMPERATURE_MULTIPLIED } from '../runtime/mistakes/07-char-lm.ts';
import { loadSubmission } from '../runtime/seam.ts';
import type { Matrix, Vector } from '../runtime/shared/types.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('07-char-lm');
const random = hiddenRandom('07-char-lm');

const TEXT = 'the quick brown fox, jumps over the lazy dog.';
const vocab = ref.buildVocab('the cat sat on a mat');
const model = (H = 5) => ref.randomCharModel(random, vocab.chars, H);
const seed = () => random.int(1_000_000);

/** A random distribution of V entries (softmax of uniform logits). */
const distribution = (V: number): Vector => ref.softmaxWithTemperature(random.vector(V, 2), 1);

const temperatureContext = (logits: Vector, T: number): DiagnosisContext => ({
  alternatives: [{ value: () => ref.softmaxWithTemperature(logits, 1 / T), diagnosis: TEMPERATURE_MULTIPLIED }],
});

async function expectSoftmax(logits: Vector, T: number): Promise<void> {
  expectOutputs(`softmaxWithTemperature(…, T = ${T})`, await student.softmaxWithTemperature(logits, T), ref.softmaxWithTemperature(logits, T), undefined, temperatureContext(logits, T));
}

/** The id sampleNext must draw; names the u ≤ cumsum mistake when the student's id is the one it gives. */
async function expectSample(probs: Vector, u: number, expected = ref.sampleNext(probs, u)): Promise<void> {
  const got = await student.sampleNext(probs, u);
  if (got === expected) return;
  let cumulative = 0;
  const withLessEqual = probs.findIndex((p) => u <= (cumulative += p));
  const hint = typeof got === 'number' && got === withLessEqual ? `\n${SAMPLE_LESS_EQUAL}` : '';
  throw new ComparisonError(`sampleNext([${probs.map((p) => Number(p.toPrecision(4))).join(', ')}], u = ${u}) is ${JSON.stringify(got)}, expected ${expected}${hint}`);
}

async function expectGenerate(...args: Parameters<typeof ref.generate>): Promise<void> {
  const [, seedText, length, { temperature, seed }] = args;
  const what = `generate(model, ${JSON.stringify(seedText)}, ${length}, { temperature: ${temperature}, seed: ${seed} })`;
  expectData(what, await student.generate(...args), ref.generate(...args));
}

describe('buildVocab and oneHot (hidden)', () => {
  graded('buildVocab of a sentence: sorted distinct characters, index consistent with chars', 1, async () => {
    expectData('buildVocab(…)', await student.buildVocab(TEXT), { ...ref.buildVocab(TEXT) });
    expectData('buildVocab("aaaa")', await student.buildVocab('aaaa'), { chars: ['a'], index: { a: 0 } });
  });
  graded('buildVocab sorts by code point, counts an emoji as one character, and rejects an empty text', 1, async () => {
    const text = 'zé😀Zé\uFFFD a😀';
    expectData('buildVocab(…)', await student.buildVocab(text), { ...ref.buildVocab(text) });
    await expectRangeError('buildVocab("")', student.buildVocab(''));
  });
  graded('oneHot of random ids, and of no ids', 1, async () => {
    const V = 9;
    const ids = Array.from({ length: 12 }, () => random.int(V));
    expectClose('oneHot(ids, 9)', await student.oneHot(ids, V), ref.oneHot(ids, V), { atol: 0, rtol: 0 });
    expectClose('oneHot([], 4)', await student.oneHot([], 4), []);
  });
  graded('oneHot rejects ids outside [0, V) and non-integers', 1, async () => {
    for (const bad of [-1, 5, 1.5, Number.NaN]) await expectRangeError(`oneHot([0, ${bad}], 5)`, student.oneHot([0, bad], 5));
  });
});

describe('softmaxWithTemperature (hidden)', () => {
  graded('random logits at T = 1, 0.3 and 3', 1, async () => {
    const logits = random.vector(7, 3);
    for (const T of [1, 0.3, 3]) await expectSoftmax(logits, T);
  });
  graded('large logits (±1000) do not overflow: subtract the max before exp', 1, async () => {
    await expectSoftmax([1000, 999, 998, 990], 1);
    await expectSoftmax([-1000, -1001, -1003], 0.5);
    await expectSoftmax([600, 0, -600], 2);
  });
  graded('T = 0 is the one-hot of the first argmax; T = 1e-4 puts all the mass on the argmax', 1, async () => {
    expectClose('softmaxWithTemperature([1, 3, 3, 0], 0)', await student.softmaxWithTemperature([1, 3, 3, 0], 0), [0, 1, 0, 0], { atol: 0, rtol: 0 });
    const logits = random.vector(6, 2);
    const best = logits.indexOf(Math.max(...logits));
    expectClose('softmaxWithTemperature(logits, 1e-4)', await student.softmaxWithTemperature(logits, 1e-4), logits.map((_, i) => (i === best ? 1 : 0)), { atol: 1e-9 });
  });
  graded('rejects a negative or non-finite temperature', 1, async () => {
    for (const T of [-0.5, Number.NaN, Number.POSITIVE_INFINITY]) await expectRangeError(`softmaxWithTemperature(…, ${T})`, student.softmaxWithTemperature([1, 2], T));
  });
});

describe('sampleNext (hidden)', () => {
  graded('u exactly on a cumulative sum takes the next id; an id of probability 0 is never drawn', 1, async () => {
    await expectSample([0, 0.5, 0.5], 0, 1);
    await expectSample([0.25, 0.25, 0.5], 0.5, 2);
    await expectSample([0.5, 0, 0, 0.5], 0.5, 3);
  });
  graded('random draws on random distributions match the reference', 1, async () => {
    const probs = [0.125, 0.375, 0.0625, 0.1875, 0.25]; // dyadic: the same cumulative sums in float32 and float64
    for (let k = 0; k < 12; k++) await expectSample(probs, random.uniform());
    const other = distribution(6);
    for (let k = 0; k < 8; k++) await expectSample(other, random.uniform());
  });
  graded('u above a total rounded below 1: the last id of probability > 0', 1, async () => {
    const tenths = new Array<number>(10).fill(0.1); // sums to 1 − 2⁻⁵³ in float64
    await expectSample([...tenths, 0], 1 - 2 ** -53, 9);
    await expectSample([0.3, 0.3, 0.3, 0], 0.95, 2);
  });
  graded('rejects u outside [0, 1)', 1, async () => {
    for (const u of [1, -0.1, Number.NaN]) await expectRangeError(`sampleNext(…, u = ${u})`, student.sampleNext([0.5, 0.5], u));
  });
});

describe('generate (hidden)', () => {
  graded('a random model, temperature 1: the reference’s 25 characters', 2, () => expectGenerate(model(), 'the ', 25, { temperature: 1, seed: seed() }));
  graded('temperature 0.7 and 1.5, another model and a one-character seed text', 1, async () => {
    const m = model(6);
    await expectGenerate(m, 'a', 15, { temperature: 0.7, seed: seed() });
    await expectGenerate(m, 'cat', 15, { temperature: 1.5, seed: seed() });
  });
  graded('temperature 0 follows the argmax from the seed text, whatever the seed', 1, async () => {
    const m = model();
    const [a, b] = [seed(), seed() + 1];
    await expectGenerate(m, 'on a', 15, { temperature: 0, seed: a });
    expectData('generate(…, { temperature: 0 }) with two different seeds', await student.generate(m, 'on a', 15, { temperature: 0, seed: b }), ref.generate(m, 'on a', 15, { temperature: 0, seed: a }));
  });
  graded('the same seed gives the same text; another seed another text', 1, async () => {
    const m = model();
    const s = seed();
    const first = await student.generate(m, 'sat', 30, { temperature: 1, seed: s });
    expectData('generate(…) called twice with the same seed', await student.generate(m, 'sat', 30, { temperature: 1, seed: s }), first);
    const other = await student.generate(m, 'sat', 30, { temperature: 1, seed: s + 1 });
    if (other === first) throw new ComparisonError(`generate(…) gave ${JSON.stringify(first)} for seeds ${s} and ${s + 1}: the draws must come from seededUniform(seed)`);
    await expectGenerate(m, 'sat', 30, { temperature: 1, seed: s + 1 });
  });
  graded('length 0 gives ""; an empty seed text, an unknown seed character and a bad temperature are RangeErrors', 1, async () => {
    const m = model();
    expectData('generate(model, "cat", 0, …)', await student.generate(m, 'cat', 0, { temperature: 1, seed: 1 }), '');
    await expectRangeError('generate(model, "", 5, …)', student.generate(m, '', 5, { temperature: 1, seed: 1 }));
    await expectRangeError('generate(model, "dog", 5, …) ("d" and "g" are not in the vocabulary)', student.generate(m, 'dog', 5, { temperature: 1, seed: 1 }));
    await expectRangeError('generate(…, { temperature: -1 })', student.generate(m, 'cat', 5, { temperature: -1, seed: 1 }));
  });
});

describe('perplexity (hidden)', () => {
  /** The course's two classic mistakes, computed from the expected value: no exp, and log₂ inside exp. */
  const perplexityContext = (expected: number): DiagnosisContext => ({
    alternatives: [
      { value: Math.log(expected), diagnosis: PERPLEXITY_NO_EXP },
      { value: Math.exp(Math.log(expected) / Math.LN2), diagnosis: PERPLEXITY_LOG2 },
    ],
  });
  const expectPerplexity = async (probs: Matrix, targets: number[]) => {
    const expected = ref.perplexity(probs, targets);
    expectOutputs('perplexity', await student.perplexity(probs, targets), expected, undefined, perplexityContext(expected));
  };
  graded('random distributions over 8 steps of V = 6', 1, async () => {
    const probs = Array.from({ length: 8 }, () => distribution(6));
    await expectPerplexity(probs, probs.map(() => random.int(6)));
  });
  graded('uniform predictions give V, perfect predictions give 1, a single step gives 1/p', 1, async () => {
    const V = 7;
    const targets = [3, 0, 6, 2];
    const uniform = targets.map(() => new Array<number>(V).fill(1 / V));
    expectClose('perplexity(uniform over 7)', await student.perplexity(uniform, targets), V, {}, perplexityContext(V));
    expectClose('perplexity(perfect predictions)', await student.perplexity(ref.oneHot(targets, V), targets), 1);
    expectClose('perplexity([[0.2, 0.8]], [0])', await student.perplexity([[0.2, 0.8]], [0]), 5, {}, perplexityContext(5));
  });
  graded('works on the student’s own temperature softmax; rejects mismatched lengths', 1, async () => {
    const logits = Array.from({ length: 5 }, () => random.vector(4, 2));
    const targets = logits.map(() => random.int(4));
    const probs = await Promise.all(logits.map((l) => student.softmaxWithTemperature(l, 0.8)));
    await expectPerplexity(probs, targets);
    await expectRangeError('perplexity(3 steps, 2 targets)', student.perplexity(probs.slice(0, 3), [0, 1]));
  });
});
