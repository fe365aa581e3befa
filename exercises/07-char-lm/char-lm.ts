/**
 * Exercise 07 — a character-level language model: the vocabulary, one-hot inputs, sampling with a
 * temperature, generating text with the vanilla RNN of exercise 01, and perplexity.
 *
 *   x_t = onehot(c_t) ∈ {0, 1}^V,   h_t = tanh(x_t · Wx + h_{t−1} · Wh + b),   z_t = h_t · Wy + by
 *   p_t = softmax(z_t / T)                              (T = the temperature; T → 0 is greedy: the argmax)
 *   c_{t+1} = the smallest i with u_t < p_t[0] + … + p_t[i]   (inverse-CDF sampling, u_t uniform in [0, 1))
 *   perplexity = exp(−(1/T) Σ_t log p_t[y_t])            (T here = the number of predictions)
 *
 * `generate` uses your rnnStepForward and outputLogits from exercise 01, and seededUniform from
 * ../shared/random.ts for its draws.
 * Read README.md in this folder first; `npm run test:exercises -- 07` checks your work.
 */
import { outputLogits, rnnStepForward } from '../01-rnn-forward/rnn-forward.ts';
import { zeros } from '../shared/linalg.ts';
import { seededUniform } from '../shared/random.ts';
import type { Matrix, Vector } from '../shared/types.ts';

/** What `buildVocab` returns: the V distinct characters and each one's id. */
export interface CharVocab {
  /** The distinct characters of the text, sorted by code point: [V] */
  chars: string[];
  /** index[chars[i]] = i */
  index: Record<string, number>;
}

/** A vanilla-RNN character model: exercise 01's RNN over one-hot inputs, with its output layer. */
export interface CharRnnModel {
  /** The vocabulary, id → character: [V] */ chars: string[];
  /** Wx: [V][H] (the input is a one-hot row of length V) */ Wx: Matrix;
  /** Wh: [H][H] */ Wh: Matrix;
  /** b: [H] */ b: Vector;
  /** Wy: [H][V] */ Wy: Matrix;
  /** by: [V] */ by: Vector;
}

/** How `generate` samples: the softmax temperature (≥ 0) and the integer seed of the uniform draws. */
export interface GenerateOptions {
  temperature: number;
  seed: number;
}

/**
 * text → { chars, index }: the distinct characters of `text` (whole Unicode characters, so an emoji is one)
 * sorted by code point, and the id of each. Throws a RangeError for an empty text.
 */
export function buildVocab(text: string): CharVocab {
  throw new Error("TODO: implement buildVocab. Hint: the distinct characters are a Set of [...text]; sort them with (a, b) => a.codePointAt(0)! − b.codePointAt(0)!");
}

/**
 * ids: [T] → [T][V], row t is 1 at column ids[t] and 0 elsewhere.
 * Throws a RangeError for an id that is not an integer in [0, V).
 */
export function oneHot(ids: number[], V: number): Matrix {
  throw new Error("TODO: implement oneHot. Hint: check every id first (Number.isInteger, 0 ≤ id < V), then one row of V zeros per id with a 1 at the id");
}

/**
 * logits: [V] → probabilities [V] = softmax(logits / T). T = 0 gives the one-hot of the first largest logit
 * (greedy decoding). Throws a RangeError for T < 0, T not finite, or no logits.
 */
export function softmaxWithTemperature(logits: Vector, T: number): Vector {
  throw new Error("TODO: implement softmaxWithTemperature. Hint: divide by T, subtract the largest scaled logit before Math.exp (e^1000 is Infinity), then divide by the sum; T = 0 is a special case");
}

/**
 * probs: [V] (a distribution), u: one uniform draw in [0, 1) → the id i, the smallest with
 * u < probs[0] + … + probs[i]. When rounding leaves u ≥ the total, the last id with probability > 0.
 * Throws a RangeError for u outside [0, 1), or probs without an entry > 0.
 */
export function sampleNext(probs: Vector, u: number): number {
  throw new Error("TODO: implement sampleNext. Hint: walk through probs adding them up; return the first i where u < the running sum (strictly: an id of probability 0 is never drawn)");
}

/**
 * Feeds `seedText` to the model from h = 0, then samples `length` characters, feeding each one back in.
 * One draw of seededUniform(seed) per generated character, in order (even at temperature 0).
 * → the `length` generated characters (without the seed). Throws a RangeError for an empty seed text, a
 * seed character outside model.chars, a length that is not an integer ≥ 0, or a bad temperature.
 */
export function generate(model: CharRnnModel, seedText: string, length: number, { temperature, seed }: GenerateOptions): string {
  throw new Error("TODO: implement generate. Hint: h starts as zeros [1][H]; each step is h = rnnStepForward(oneHot([id], V), h, Wx, Wh, b).h; sample from softmaxWithTemperature(outputLogits([h], Wy, by)[0][0], temperature)");
}

/**
 * probs: [T][V] (the model's distribution at each of T steps), targets: [T] (the true next ids)
 * → exp(−(1/T) Σ_t log probs[t][targets[t]]): V for a uniform guess, 1 for perfect predictions.
 * Throws a RangeError for no steps, a targets length other than T, or a target outside [0, V).
 */
export function perplexity(probs: Matrix, targets: number[]): number {
  throw new Error("TODO: implement perplexity. Hint: the mean of −Math.log(probs[t][targets[t]]) over t (natural log), then Math.exp of it");
}
