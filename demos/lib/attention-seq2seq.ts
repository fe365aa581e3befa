/**
 * An encoder–decoder with Bahdanau (additive) attention in tfjs-core ops over tf.variables (tfjs-layers has
 * no attention layer). Row vectors, W [in][out], as in the exercises.
 *
 *   encoder:   h_j = [→h_j; ←h_j], a forward and a backward GRU over embed(x_1..x_len)   (2H wide)
 *   attention: e_tj = wv · tanh(s_{t−1}·Wq + h_j·Wk),  α_t = softmax over the real j,  c_t = Σ_j α_tj h_j
 *   decoder:   s_t = GRU([embed(y_{t−1}); c_t], s_{t−1}),  s_0 = →h_len,  logits_t = [s_t; c_t]·Wo + bo
 *
 * The decoder side (createAttentionDecoder, attend, teacherForcedLogits, greedyDecode) works over any memory of
 * K-wide states built with `memory()`: show-attend-tell attends over image patches with it, listen-attend-spell
 * over a pyramid of bidirectional GRUs (runGru) over speech frames.
 *
 * The backward GRU makes h_j describe the words around x_j from both sides, so the attention can point at the
 * source word a target word translates (a forward GRU alone piles the whole sentence into its last states).
 *
 * Without attention (`createSeq2seq(…, { attention: false })`) every step gets the same context, the plain
 * average of the encoder states: the fixed-size summary a decoder without attention has to work from.
 *
 * The GRU follows the course's convention: gates z, r, h̃ packed in Wx [D][3H], Wh [H][3H], b [3H], the reset
 * applied before the recurrent matmul, h = z ⊙ hPrev + (1 − z) ⊙ h̃.
 */
import * as tf from '@tensorflow/tfjs-core';
import { argmaxLastAxis } from './metrics.ts';
import { embed, oneHot2d } from './tensors.ts';

export interface Seq2seqSizes {
  sourceVocab: number;
  targetVocab: number;
  /** E: the width of both embeddings */
  embedding: number;
  /** H: the state of each encoder direction and of the decoder */
  hidden: number;
  /** A: the width of the attention's tanh layer */
  attention: number;
}

export interface Gru {
  /** Wx: [D][3H] */ Wx: tf.Variable;
  /** Wh: [H][3H] */ Wh: tf.Variable;
  /** b: [3H] */ b: tf.Variable;
}

/** The decoder side: what reads a memory of encoded states with attention and writes the target tokens. */
export interface AttentionDecoder {
  /** [Vt][E] */ targetEmbedding: tf.Variable;
  /** D = E + K: the previous token's embedding, then the context (K wide: 2H for the GRU encoder) */ decoder: Gru;
  /** Wq: [H][A] (decoder state), Wk: [K][A] (encoder states), wv: [A] — exercise 09's AdditiveAttentionParams; absent without attention */
  attention?: { Wq: tf.Variable; Wk: tf.Variable; wv: tf.Variable };
  /** W: [H + K][Vt] from [s_t; c_t], b: [Vt] */
  output: { W: tf.Variable; b: tf.Variable };
}

export interface AttentionSeq2seq extends AttentionDecoder {
  /** [Vs][E] */ sourceEmbedding: tf.Variable;
  /** D = E, one GRU per direction */ encoder: { forward: Gru; backward: Gru };
}

/** A batch of encoded source sentences, what every decoder step attends to (a type, so tf.tidy can return it). */
export type Encoded = {
  /** The encoder states h_1..h_S: [B][S][K] (the attention's keys and values; K = 2H for the GRU encoder) */ states: tf.Tensor3D;
  /** states · Wk, computed once per batch: [B][S][A] (undefined without attention) */ keys: tf.Tensor3D | undefined;
  /** 0 at real source words, −1e9 at padding: added to the scores, so padding gets weight exactly 0: [B][S] */ maskBias: tf.Tensor2D;
  /** The decoder's s_0 (for the GRU encoder →h_len, each sentence's forward state after its last real word): [B][H] */ final: tf.Tensor2D;
};

/** A source of Glorot-uniform weights drawn from `seed`, one seed per weight in the order they are asked for. */
export function glorotWeights(seed: number) {
  let draw = 0;
  /** A variable holding `initial`, which is then disposed (tf.variable shares its data). */
  const variable = (initial: tf.Tensor) => {
    const v = tf.variable(initial);
    initial.dispose();
    return v;
  };
  /** Glorot-uniform for a [fanIn][fanOut] weight, of that shape or of `shape`. */
  const weight = (fanIn: number, fanOut: number, shape = [fanIn, fanOut]) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return variable(tf.randomUniform(shape, -limit, limit, 'float32', seed * 100 + draw++));
  };
  const gru = (D: number, H: number): Gru => ({ Wx: weight(D, 3 * H), Wh: weight(H, 3 * H), b: variable(tf.zeros([3 * H])) });
  return { variable, weight, gru };
}

/** A decoder over a memory of `memory`-wide states (K); `attention: false` leaves the attention out. */
export function createAttentionDecoder(
  sizes: { targetVocab: number; embedding: number; hidden: number; attention: number; memory: number },
  weights: ReturnType<typeof glorotWeights>,
  { attention = true } = {},
): AttentionDecoder {
  const { targetVocab, embedding: E, hidden: H, attention: A, memory: K } = sizes;
  const { weight, variable, gru } = weights;
  return {
    targetEmbedding: weight(targetVocab, E),
    decoder: gru(E + K, H),
    ...(attention && { attention: { Wq: weight(H, A), Wk: weight(K, A), wv: weight(A, 1, [A]) } }),
    output: { W: weight(H + K, targetVocab), b: variable(tf.zeros([targetVocab])) },
  };
}

/** Glorot-uniform weights and zero biases, all drawn from `seed`; `attention: false` leaves the attention out. */
export function createSeq2seq(sizes: Seq2seqSizes, seed: number, options: { attention?: boolean } = {}): AttentionSeq2seq {
  const weights = glorotWeights(seed);
  const { embedding: E, hidden: H } = sizes;
  return {
    sourceEmbedding: weights.weight(sizes.sourceVocab, E),
    encoder: { forward: weights.gru(E, H), backward: weights.gru(E, H) },
    ...createAttentionDecoder({ ...sizes, memory: 2 * H }, weights, options),
  };
}

export function decoderVariables({ targetEmbedding, decoder, attention, output }: AttentionDecoder): tf.Variable[] {
  return [targetEmbedding, ...Object.values(decoder), ...Object.values(attention ?? {}), ...Object.values(output)];
}

export function seq2seqVariables(model: AttentionSeq2seq): tf.Variable[] {
  return [model.sourceEmbedding, ...Object.values(model.encoder.forward), ...Object.values(model.encoder.backward), ...decoderVariables(model)];
}

export function disposeSeq2seq(model: AttentionSeq2seq): void {
  tf.dispose(seq2seqVariables(model));
}

/** One GRU step: x [B][D], h [B][H] → [B][H]. */
function gruStep(gru: Gru, x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  const H = h.shape[1];
  const [xz, xr, xh] = tf.split(tf.add(tf.matMul(x, gru.Wx), gru.b), 3, 1) as tf.Tensor2D[];
  const [Whzr, Whh] = tf.split(gru.Wh, [2 * H, H], 1) as tf.Tensor2D[];
  const [hz, hr] = tf.split(tf.matMul(h, Whzr!), 2, 1) as tf.Tensor2D[];
  const z = tf.sigmoid(tf.add(xz!, hz!));
  const r = tf.sigmoid(tf.add(xr!, hr!));
  const candidate = tf.tanh(tf.add(xh!, tf.matMul(tf.mul(r, h), Whh!)));
  return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D;
}

/**
 * One direction of the encoder over inputs [B][S][E] with real [B][S] (1 = a real word, real words first)
 * → the state at each position [B][S][H] and the last state. A padding step keeps the state it gets, so the
 * forward GRU ends at →h_len and the backward one passes zeros through the padding before it reaches x_len.
 */
export function runGru(gru: Gru, inputs: tf.Tensor3D, real: tf.Tensor2D, reverse: boolean): { states: tf.Tensor3D; last: tf.Tensor2D } {
  const [B, S] = real.shape;
  let h = tf.zeros([B, gru.Wh.shape[0]!]) as tf.Tensor2D;
  const states: tf.Tensor2D[] = new Array(S);
  for (let n = 0; n < S; n++) {
    const j = reverse ? S - 1 - n : n;
    const keep = tf.slice(real, [0, j], [B, 1]);
    const next = gruStep(gru, tf.reshape(tf.slice(inputs, [0, j, 0], [B, 1, -1]), [B, -1]), h);
    h = tf.add(tf.mul(keep, next), tf.mul(tf.sub(1, keep), h)) as tf.Tensor2D;
    states[j] = h;
  }
  return { states: tf.stack(states, 1) as tf.Tensor3D, last: h };
}

/** source ids [B][S] (padded), mask [B][S] (1 = a real word, real words first) → the encoder's outputs. */
export function encode(model: AttentionSeq2seq, sourceIds: readonly (readonly number[])[], mask: readonly (readonly number[])[]): Encoded {
  const [B, S] = [sourceIds.length, sourceIds[0]!.length];
  const inputs = embed(model.sourceEmbedding as tf.Tensor2D, sourceIds);
  const real = tf.tensor2d(mask.flat(), [B, S]);
  const forward = runGru(model.encoder.forward, inputs, real, false);
  const backward = runGru(model.encoder.backward, inputs, real, true);
  const states = tf.concat([forward.states, backward.states], 2) as tf.Tensor3D;
  return memory(model, states, tf.mul(tf.sub(real, 1), 1e9) as tf.Tensor2D, forward.last);
}

/** What the decoder attends to: states [B][S][K], their keys (states · Wk, once per batch), the mask bias [B][S] and s_0 [B][H]. */
export function memory(decoder: AttentionDecoder, states: tf.Tensor3D, maskBias: tf.Tensor2D, final: tf.Tensor2D): Encoded {
  const [B, S, K] = states.shape;
  const Wk = decoder.attention?.Wk;
  const keys = Wk && (tf.reshape(tf.matMul(tf.reshape(states, [B * S, K]), Wk), [B, S, Wk.shape[1]!]) as tf.Tensor3D);
  return { states, keys, maskBias, final };
}

/**
 * Bahdanau attention of the decoder state sPrev [B][H] over the encoder states → context [B][K], weights [B][S].
 * Without attention every score is 0: equal weights on the real positions, whatever the decoder state.
 */
export function attend(model: AttentionDecoder, sPrev: tf.Tensor2D, encoded: Encoded): { context: tf.Tensor2D; weights: tf.Tensor2D } {
  const { attention } = model;
  const scores = attention && encoded.keys
    ? tf.sum(tf.mul(tf.tanh(tf.add(encoded.keys, tf.expandDims(tf.matMul(sPrev, attention.Wq), 1))), attention.wv), -1) // [B][S]
    : tf.zerosLike(encoded.maskBias);
  const weights = tf.softmax(tf.add(scores, encoded.maskBias)) as tf.Tensor2D;
  const context = tf.sum(tf.mul(tf.expandDims(weights, 2), encoded.states), 1) as tf.Tensor2D;
  return { context, weights };
}

/** One decoder step from the previous word's embedding [B][E] and state sPrev [B][H] → s, logits [B][Vt], weights [B][S]. */
function decoderStep(model: AttentionDecoder, previousWord: tf.Tensor2D, sPrev: tf.Tensor2D, encoded: Encoded) {
  const { context, weights } = attend(model, sPrev, encoded);
  const s = gruStep(model.decoder, tf.concat([previousWord, context], 1), sPrev);
  const logits = tf.add(tf.matMul(tf.concat([s, context], 1), model.output.W), model.output.b) as tf.Tensor2D;
  return { s, logits, weights };
}

/** Teacher forcing: the decoder reads the true previous words, decoderInputs [B][L] (sos first) → logits [B][L][Vt]. */
export function teacherForcedLogits(model: AttentionDecoder, encoded: Encoded, decoderInputs: readonly (readonly number[])[]): tf.Tensor3D {
  const [B, L] = [decoderInputs.length, decoderInputs[0]!.length];
  const words = embed(model.targetEmbedding as tf.Tensor2D, decoderInputs);
  let s = encoded.final;
  const logits: tf.Tensor2D[] = [];
  for (let t = 0; t < L; t++) {
    const step = decoderStep(model, tf.reshape(tf.slice(words, [0, t, 0], [B, 1, -1]), [B, -1]), s, encoded);
    s = step.s;
    logits.push(step.logits);
  }
  return tf.stack(logits, 1) as tf.Tensor3D;
}

/** What greedy decoding produced for one sentence, step by step (up to and including eos). */
export interface Decoding {
  /** The generated ids (eos last, when it came within maxLen) */ ids: number[];
  /** The attention weights of each generated id over the source positions: [steps][S] */ weights: number[][];
  /** The decoder state each step attended from, s_{t−1}: [steps][H] */ queries: number[][];
}

/** Greedy decoding of a batch: each step feeds the argmax word back, until eos or maxLen words. */
export function greedyDecode(model: AttentionDecoder, encoded: Encoded, { sos, eos, maxLen }: { sos: number; eos: number; maxLen: number }): Decoding[] {
  const B = encoded.final.shape[0];
  const decodings: Decoding[] = Array.from({ length: B }, () => ({ ids: [], weights: [], queries: [] }));
  const Vt = model.targetEmbedding.shape[0]!;
  let previous = new Array<number>(B).fill(sos);
  let s = tf.clone(encoded.final);
  for (let t = 0; t < maxLen && decodings.some((d) => d.ids.at(-1) !== eos); t++) {
    const step = tf.tidy(() => decoderStep(model, tf.matMul(oneHot2d(previous, Vt), model.targetEmbedding), s, encoded));
    const [ids, weights, queries] = [argmaxLastAxis(step.logits) as number[], step.weights.arraySync(), s.arraySync()];
    decodings.forEach((d, b) => {
      if (d.ids.at(-1) === eos) return;
      d.ids.push(ids[b]!);
      d.weights.push(weights[b]!);
      d.queries.push(queries[b]!);
    });
    tf.dispose([s, step.logits, step.weights]);
    s = step.s;
    previous = ids;
  }
  s.dispose();
  return decodings;
}
