/**
 * Exercise 08 — sequence to sequence: an RNN encoder reads the source, an RNN decoder writes the target.
 *
 *   encoder:  h_t = tanh(E_src[x_t] · Wx + h_{t−1} · Wh + b),  h_0 = 0,   context = h_Ts   (the last state)
 *   decoder:  s_t = tanh(E_tgt[y_t] · Wx' + s_{t−1} · Wh' + b'),  s_0 = context
 *             logits_t = s_t · Wy + by                     (the scores of the token that follows y_t)
 *   teacher forcing: the inputs y_t are the true target tokens (<sos>, y_1, y_2, …);
 *   greedy decoding:  y_0 = <sos>, y_{t+1} = argmax logits_t, until <eos> or maxLen tokens.
 *
 * Both RNNs are exercise 01's: this module uses your rnnForward, rnnStepForward and outputLogits.
 * Read README.md in this folder first; `npm run test:exercises -- 08` checks your work.
 */
import { outputLogits, rnnForward, rnnStepForward } from '../01-rnn-forward/rnn-forward.ts';
import { zeros } from '../shared/linalg.ts';
import type { Matrix, Tensor3, Vector } from '../shared/types.ts';

/** The encoder: an embedding of the Vs source tokens and a tanh RNN layer. */
export interface EncoderParams {
  /** embedding: [Vs][E], row i is the vector of source token i */ embedding: Matrix;
  /** Wx: [E][H] */ Wx: Matrix;
  /** Wh: [H][H] */ Wh: Matrix;
  /** b: [H] */ b: Vector;
}

/** The decoder: an embedding of the Vt target tokens, a tanh RNN layer and the output layer. */
export interface DecoderParams extends EncoderParams {
  /** embedding: [Vt][E] (target tokens), Wx: [E][H], Wh: [H][H], b: [H] as in the encoder; Wy: [H][Vt] */ Wy: Matrix;
  /** by: [Vt] */ by: Vector;
}

/** Both halves of the model; the encoder's and the decoder's H are the same (the context is the decoder's s_0). */
export interface Seq2SeqParams {
  encoder: EncoderParams;
  decoder: DecoderParams;
}

/** Greedy decoding: the start and end tokens (target ids) and the most tokens to emit per example. */
export interface GreedyOptions {
  sos: number;
  eos: number;
  maxLen: number;
}

/**
 * ids: [N][T] integer token ids, embedding: [V][E] → [N][T][E], each id replaced by its row of the embedding.
 * Throws a RangeError for an id that is not an integer from 0 to V − 1 (`what` names the ids in the message).
 */
function embed(ids: Matrix, embedding: Matrix, what: string): Tensor3 {
  // BEGIN SOLUTION hint: id i selects row i of the embedding; check Number.isInteger(id) and 0 ≤ id < embedding.length first, else throw a RangeError
  return ids.map((seq) =>
    seq.map((id) => {
      if (!Number.isInteger(id) || id < 0 || id >= embedding.length) {
        throw new RangeError(`${what} id ${id} is not a token of the vocabulary: ids are integers from 0 to ${embedding.length - 1}`);
      }
      return embedding[id]!;
    }),
  );
  // END SOLUTION
}

/** The index of the largest entry; the first one on ties. */
function argmax(row: Vector): number {
  // BEGIN SOLUTION hint: keep the index of the best value so far and replace it only on a strictly larger value
  return row.reduce((best, v, j) => (v > row[best]! ? j : best), 0);
  // END SOLUTION
}

/**
 * srcIds: [N][Ts] source token ids (Ts ≥ 1) → context: [N][H], the encoder's final hidden state h_Ts
 * (the encoder starts from h_0 = 0).
 */
export function encode(srcIds: Matrix, params: Seq2SeqParams): Matrix {
  // BEGIN SOLUTION hint: embed the source ids, run your rnnForward from zeros [N][H], and keep each sequence's last state
  const { embedding, Wx, Wh, b } = params.encoder;
  const { h } = rnnForward(embed(srcIds, embedding, 'source'), zeros(srcIds.length, Wh.length), Wx, Wh, b);
  return h.map((seq) => seq[seq.length - 1]!);
  // END SOLUTION
}

/**
 * Teacher forcing: context: [N][H], tgtIds: [N][Tt] the decoder's inputs (<sos>, y_1, …, y_{Tt−1}) →
 * logits: [N][Tt][Vt], where logits[n][t] scores the token that follows tgtIds[n][t]. The decoder starts
 * from s_0 = context.
 */
export function decodeTeacherForcing(context: Matrix, tgtIds: Matrix, params: Seq2SeqParams): Tensor3 {
  // BEGIN SOLUTION hint: embed the target ids, run rnnForward from h0 = context (not zeros), then outputLogits on every state
  const { embedding, Wx, Wh, b, Wy, by } = params.decoder;
  const { h } = rnnForward(embed(tgtIds, embedding, 'target'), context, Wx, Wh, b);
  return outputLogits(h, Wy, by);
  // END SOLUTION
}

/**
 * Greedy decoding from context: [N][H]: start from s_0 = context and the input <sos>; at every step take the
 * argmax token (the first on ties) and feed it back as the next input. Example n stops after emitting <eos>
 * (included) or after maxLen tokens → ids: number[][], one list per example (ragged, without <sos>).
 * Throws a RangeError when maxLen is not an integer ≥ 1 or sos / eos are not target ids.
 */
export function greedyDecode(context: Matrix, params: Seq2SeqParams, { sos, eos, maxLen }: GreedyOptions): Matrix {
  // BEGIN SOLUTION hint: per example: s = [context[n]], token = sos; repeat: s = rnnStepForward(the token's embedding, s, …).h, token = argmax of its logits, push it, stop at eos or maxLen
  const { embedding, Wx, Wh, b, Wy, by } = params.decoder;
  if (!Number.isInteger(maxLen) || maxLen < 1) throw new RangeError(`maxLen must be an integer ≥ 1, got ${maxLen}`);
  embed([[sos, eos]], embedding, 'sos/eos');
  return context.map((start) => {
    const ids: number[] = [];
    let state: Matrix = [start];
    let token = sos;
    for (let step = 0; step < maxLen; step++) {
      state = rnnStepForward(embed([[token]], embedding, 'target')[0]!, state, Wx, Wh, b).h;
      token = argmax(outputLogits([state], Wy, by)[0]![0]!);
      ids.push(token);
      if (token === eos) break;
    }
    return ids;
  });
  // END SOLUTION
}
