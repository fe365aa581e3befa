/**
 * Reference for 07-char-lm: one-hot rows (tf.oneHot), the temperature softmax (tf.softmax of logits / T,
 * tf.argMax at T = 0), inverse-CDF sampling on tf.cumsum, the character RNN (reference/01-rnn-forward.ts' step on one-hot
 * rows) and perplexity. The vocabulary is string work: plain JS on code points.
 * The uniform draws come from the generator students get as exercises/shared/random.ts, through the grader's
 * copy (grader/runtime/shared/), which their edits never reach: draws are inputs.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CharRnnModel, CharVocab, GenerateOptions } from '../exercises/07-char-lm/char-lm.ts';
import type { Random } from '../grader/runtime/random.ts';
import { seededUniform } from '../grader/runtime/shared/random.ts';
import type { Matrix, Vector } from '../grader/runtime/shared/types.ts';
import { read } from './convert.ts';
import { rnnStep, rnnSteps } from './01-rnn-forward.ts';

export function buildVocab(text: string): CharVocab {
  if (text === '') throw new RangeError('buildVocab needs a non-empty text');
  const codePoints = [...new Set(Array.from(text, (c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const chars = codePoints.map((p) => String.fromCodePoint(p));
  return { chars, index: Object.fromEntries(chars.map((c, i) => [c, i])) };
}

/** tf.oneHot gives a row of zeros for an id out of range: the course's contract is a RangeError. */
function checkIds(ids: readonly number[], V: number): void {
  const bad = ids.find((id) => !(Number.isInteger(id) && id >= 0 && id < V));
  if (bad !== undefined) throw new RangeError(`id ${bad} is not an integer in [0, ${V})`);
}

/** ids [T] → one-hot rows [T][V] as float32. */
const oneHotRows = (ids: readonly number[], V: number): tf.Tensor2D => tf.cast(tf.oneHot(tf.tensor1d([...ids], 'int32'), V), 'float32') as tf.Tensor2D;

export function oneHot(ids: number[], V: number): Matrix {
  checkIds(ids, V);
  return read(() => ({ rows: oneHotRows(ids, V) })).rows;
}

/** softmax(logits / T) on a tensor [V]; T = 0: the one-hot of tf.argMax (its first maximum). */
function temperatureSoftmax(logits: tf.Tensor1D, T: number): tf.Tensor1D {
  if (!(Number.isFinite(T) && T >= 0)) throw new RangeError(`the temperature must be a finite number ≥ 0, got ${T}`);
  if (T === 0) return tf.cast(tf.oneHot(tf.argMax(logits), logits.shape[0]), 'float32') as tf.Tensor1D;
  return tf.softmax(tf.div<tf.Tensor1D>(logits, T));
}

export function softmaxWithTemperature(logits: Vector, T: number): Vector {
  return read(() => ({ probs: temperatureSoftmax(tf.tensor1d(logits), T) })).probs;
}

/** The number of cumulative sums ≤ u is the smallest i with u < cumsum[i]; none: the last id of probability > 0. */
export function sampleNext(probs: Vector, u: number): number {
  const cumulative = read(() => ({ c: tf.cumsum<tf.Tensor1D>(tf.tensor1d(probs)) })).c;
  const i = cumulative.filter((c) => c <= u).length;
  if (i < probs.length) return i;
  return probs.length - 1 - [...probs].reverse().findIndex((p) => p > 0);
}

/** The ids of `text`'s characters in the model's vocabulary (RangeError for a character outside it). */
function idsOf(model: CharRnnModel, text: string): number[] {
  return Array.from(text, (c) => {
    const id = model.chars.indexOf(c);
    if (id < 0) throw new RangeError(`${JSON.stringify(c)} is not in the model's vocabulary`);
    return id;
  });
}

const weights = ({ Wx, Wh, b, Wy, by }: CharRnnModel) => ({
  Wx: tf.tensor2d(Wx),
  Wh: tf.tensor2d(Wh),
  b: tf.tensor1d(b),
  Wy: tf.tensor2d(Wy),
  by: tf.tensor1d(by),
});

/** The hidden states h_1..h_T after reading each character of `text` from h = 0: [T][H]. */
export function charStates(model: CharRnnModel, text: string): Matrix {
  const ids = idsOf(model, text);
  return read(() => {
    const w = weights(model);
    const x = tf.expandDims(oneHotRows(ids, model.chars.length), 0) as tf.Tensor3D;
    return { h: tf.squeeze(rnnSteps(x, tf.zeros([1, model.Wh.length]), w.Wx, w.Wh, w.b), [0]) as tf.Tensor2D };
  }).h;
}

export function generate(model: CharRnnModel, seedText: string, length: number, { temperature, seed }: GenerateOptions): string {
  const ids = idsOf(model, seedText);
  if (ids.length === 0) throw new RangeError('generate needs a non-empty seed text');
  const V = model.chars.length;
  const uniform = seededUniform(seed);
  let text = '';
  tf.tidy(() => {
    const w = weights(model);
    const step = (h: tf.Tensor2D, id: number) => rnnStep(oneHotRows([id], V), h, w.Wx, w.Wh, w.b);
    let h = ids.reduce(step, tf.zeros([1, model.Wh.length]) as tf.Tensor2D);
    for (let t = 0; t < length; t++) {
      const logits = tf.squeeze(tf.add(tf.matMul(h, w.Wy), w.by), [0]) as tf.Tensor1D;
      const next = sampleNext(temperatureSoftmax(logits, temperature).arraySync(), uniform());
      text += model.chars[next];
      h = step(h, next);
    }
  });
  return text;
}

export function perplexity(probs: Matrix, targets: number[]): number {
  checkIds(targets, probs[0]!.length);
  return read(() => {
    const picked = tf.sum(tf.mul(tf.tensor2d(probs), oneHotRows(targets, probs[0]!.length)), 1);
    return { value: tf.exp(tf.neg(tf.mean(tf.log(picked)))) as tf.Scalar };
  }).value;
}

/** An untrained model over `chars` with H hidden units, for fixtures and tests: weights uniform in [−scale, scale). */
export function randomCharModel(random: Random, chars: string[], H: number, scale = 1): CharRnnModel {
  const V = chars.length;
  return { chars, Wx: random.matrix(V, H, scale), Wh: random.matrix(H, H, scale / 2), b: random.vector(H, 0.2), Wy: random.matrix(H, V, 2 * scale), by: random.vector(V, 0.2) };
}
