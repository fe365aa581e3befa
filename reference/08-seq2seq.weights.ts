/**
 * Seq2seq weights for the fixtures and the tests (08-seq2seq): random ones, and a hand-made decoder whose
 * greedy output is known in advance.
 */
import type { DecoderParams, EncoderParams, Seq2SeqParams } from '../exercises/08-seq2seq/seq2seq.ts';
import type { Random } from '../grader/runtime/random.ts';
import type { Matrix } from '../grader/runtime/shared/types.ts';

/** Vocabulary and layer sizes of a model. */
export interface Seq2SeqSizes {
  /** source and target vocabulary */ Vs: number;
  Vt: number;
  /** embedding and hidden size */ E: number;
  H: number;
}

/** Random weights, uniform in [−scale, scale) (embeddings in [−1, 1)). */
export function randomParams(random: Random, { Vs, Vt, E, H }: Seq2SeqSizes, scale = 0.8): Seq2SeqParams {
  const layer = (V: number): EncoderParams => ({ embedding: random.matrix(V, E), Wx: random.matrix(E, H, scale), Wh: random.matrix(H, H, scale), b: random.vector(H, 0.3) });
  return { encoder: layer(Vs), decoder: { ...layer(Vt), Wy: random.matrix(H, Vt, 1.5), by: random.vector(Vt, 0.5) } };
}

const scaledIdentity = (n: number, c: number): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? c : 0)));

/**
 * A decoder of V tokens (E = H = V) that always follows token i with token i + 1 (mod V), from any context
 * with entries in [−1, 1]: one-hot embeddings, s = tanh(2·e_token + 0.5·sPrev) puts its largest entry
 * (≥ tanh 1.5 ≈ 0.905, the others ≤ tanh 0.5 ≈ 0.462) at the input token, and Wy moves unit i to logit i + 1.
 * Greedy decoding from sos = 0 therefore emits 1, 2, 3, …: it reaches eos = k at step k.
 */
export function successorDecoder(V: number): DecoderParams {
  return {
    embedding: scaledIdentity(V, 1),
    Wx: scaledIdentity(V, 2),
    Wh: scaledIdentity(V, 0.5),
    b: new Array<number>(V).fill(0),
    Wy: Array.from({ length: V }, (_, i) => Array.from({ length: V }, (_, j) => (j === (i + 1) % V ? 3 : 0))),
    by: new Array<number>(V).fill(0),
  };
}
