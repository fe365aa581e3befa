/**
 * Reference for 08-seq2seq: token embeddings (tf.gather), the vanilla RNN of reference/01-rnn-forward.ts as encoder and
 * decoder, the decoder's output layer, and greedy decoding one step at a time.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DecoderParams, GreedyOptions, Seq2SeqParams } from '../exercises/08-seq2seq/seq2seq.ts';
import type { Matrix, Tensor3, Vector } from '../grader/runtime/shared/types.ts';
import { read, weightTensors } from './convert.ts';
import { rnnStep, rnnSteps } from './01-rnn-forward.ts';

/** Throws the exercise's RangeError unless every id is an integer token of a vocabulary of V. */
function checkIds(ids: Matrix, V: number, what: string): void {
  const bad = ids.flat().find((id) => !Number.isInteger(id) || id < 0 || id >= V);
  if (bad !== undefined) throw new RangeError(`${what} id ${bad} is not an integer from 0 to ${V - 1}`);
}

/** ids [N][T] → their embedding rows [N][T][E]. */
function embed(ids: Matrix, embedding: Matrix): tf.Tensor3D {
  const rows = tf.gather(tf.tensor2d(embedding), tf.tensor1d(ids.flat(), 'int32'));
  return tf.reshape<tf.Rank.R3>(rows, [ids.length, ids[0]!.length, embedding[0]!.length]);
}

/** states [N][T][H] → logits [N][T][Vt] = states · Wy + by. */
function logits(states: tf.Tensor3D, { Wy, by }: DecoderParams): tf.Tensor3D {
  const [N, T, H] = states.shape;
  const flat = tf.add(tf.matMul(tf.reshape(states, [N * T, H]), tf.tensor2d(Wy)), tf.tensor1d(by));
  return tf.reshape(flat, [N, T, Wy[0]!.length]);
}

export function encode(srcIds: Matrix, { encoder }: Seq2SeqParams): Matrix {
  checkIds(srcIds, encoder.embedding.length, 'source');
  return read(() => {
    const states = rnnSteps(embed(srcIds, encoder.embedding), tf.zeros([srcIds.length, encoder.Wh.length]), ...weightTensors(encoder.Wx, encoder.Wh, encoder.b));
    const T = states.shape[1];
    return { context: tf.squeeze<tf.Tensor2D>(tf.slice(states, [0, T - 1, 0], [-1, 1, -1]), [1]) };
  }).context;
}

export function decodeTeacherForcing(context: Matrix, tgtIds: Matrix, { decoder }: Seq2SeqParams): Tensor3 {
  checkIds(tgtIds, decoder.embedding.length, 'target');
  return read(() => {
    const states = rnnSteps(embed(tgtIds, decoder.embedding), tf.tensor2d(context), ...weightTensors(decoder.Wx, decoder.Wh, decoder.b));
    return { logits: logits(states, decoder) };
  }).logits;
}

/** The first index of the largest entry (tf.argMax does not promise which one on ties). */
const firstArgmax = (row: Vector): number => row.indexOf(Math.max(...row));

export function greedyDecode(context: Matrix, { decoder }: Seq2SeqParams, { sos, eos, maxLen }: GreedyOptions): Matrix {
  if (!Number.isInteger(maxLen) || maxLen < 1) throw new RangeError(`maxLen must be an integer ≥ 1, got ${maxLen}`);
  checkIds([[sos, eos]], decoder.embedding.length, 'sos/eos');
  const ids: Matrix = context.map(() => []);
  let state = context;
  let inputs = context.map(() => sos);
  for (let step = 0; step < maxLen; step++) {
    // Every example steps together; those that already emitted eos simply ignore their further tokens.
    const out = read(() => {
      const s = rnnStep(tf.squeeze<tf.Tensor2D>(embed([inputs], decoder.embedding), [0]), tf.tensor2d(state), ...weightTensors(decoder.Wx, decoder.Wh, decoder.b));
      return { s, logits: tf.squeeze<tf.Tensor2D>(logits(tf.expandDims(s, 1) as tf.Tensor3D, decoder), [1]) };
    });
    state = out.s;
    inputs = out.logits.map(firstArgmax);
    inputs.forEach((token, n) => {
      if (ids[n]!.at(-1) !== eos) ids[n]!.push(token);
    });
  }
  return ids;
}
