/**
 * Checks the 08-seq2seq reference on its own: the encoder and the teacher-forced decoder against
 * tf.layers.embedding + tf.layers.simpleRNN (+ tf.layers.dense) with the same weights, greedy decoding
 * against its own definition (teacher forcing fed with its own outputs) and a decoder with a known output,
 * causality, the float64 solution on the same inputs, and that no call leaks tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Seq2SeqParams } from '../../exercises/08-seq2seq/seq2seq.ts';
import type { Matrix, Tensor3 } from '../../grader/runtime/shared/types.ts';
import { expectClose } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/08-seq2seq/seq2seq.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../08-seq2seq.ts';
import { randomParams, successorDecoder } from '../08-seq2seq.weights.ts';
import { noLeaks, runLayerWithWeights } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(808);
const sizes = { Vs: 6, Vt: 5, E: 3, H: 4 };
const params = randomParams(random, sizes);
const ids = (N: number, T: number, V: number): Matrix => Array.from({ length: N }, () => Array.from({ length: T }, () => random.int(V)));
const argmax = (row: number[]) => row.indexOf(Math.max(...row));

/** tf.layers.embedding with our embedding matrix, on ids [N][T] → [N][T][E]. */
function layersEmbedding(tokens: Matrix, embedding: Matrix): Tensor3 {
  const layer = tfl.layers.embedding({ inputDim: embedding.length, outputDim: embedding[0]!.length });
  const out = tf.tidy(() => {
    const input = tf.tensor2d(tokens);
    layer.apply(input); // builds the weights
    layer.setWeights([tf.tensor2d(embedding)]);
    return (layer.apply(input) as tf.Tensor).arraySync() as Tensor3;
  });
  layer.dispose();
  return out;
}

/** tf.layers.simpleRNN (tanh) over x from initialState with our weights: every state [N][T][H]. */
function layersRnn(x: Tensor3, h0: Matrix, { Wx, Wh, b }: { Wx: Matrix; Wh: Matrix; b: number[] }): Tensor3 {
  const layer = tfl.layers.simpleRNN({ units: Wh.length, activation: 'tanh', returnSequences: true, recurrentInitializer: 'zeros' });
  return runLayerWithWeights(layer, x, [h0], [Wx, Wh, b])[0];
}

/** tf.layers.dense with our Wy, by applied at every step. */
function layersDense(h: Tensor3, Wy: Matrix, by: number[]): Tensor3 {
  const layer = tfl.layers.dense({ units: Wy[0]!.length });
  const out = tf.tidy(() => {
    const input = tf.tensor3d(h);
    layer.apply(input);
    layer.setWeights([tf.tensor2d(Wy), tf.tensor1d(by)]);
    return (layer.apply(input) as tf.Tensor).arraySync() as Tensor3;
  });
  layer.dispose();
  return out;
}

describe('reference encoder and teacher-forced decoder', () => {
  test('encode equals tf.layers.embedding + tf.layers.simpleRNN (from zeros), last state', () => {
    const src = ids(3, 5, sizes.Vs);
    const context = noLeaks(() => ref.encode(src, params));
    const zeros = src.map(() => new Array<number>(sizes.H).fill(0));
    const states = layersRnn(layersEmbedding(src, params.encoder.embedding), zeros, params.encoder);
    expectClose('context', context, states.map((seq) => seq.at(-1)!), { atol: 1e-5, rtol: 0 });
  });

  test('decodeTeacherForcing equals embedding + simpleRNN (initial state = context) + dense', () => {
    const [context, tgt] = [random.matrix(2, sizes.H), ids(2, 4, sizes.Vt)];
    const logits = noLeaks(() => ref.decodeTeacherForcing(context, tgt, params));
    const { decoder } = params;
    const expected = layersDense(layersRnn(layersEmbedding(tgt, decoder.embedding), context, decoder), decoder.Wy, decoder.by);
    expectClose('logits', logits, expected, { atol: 1e-5, rtol: 0 });
  });

  test('the logits at step t do not depend on the inputs after t', () => {
    const [context, tgt] = [random.matrix(2, sizes.H), ids(2, 5, sizes.Vt)];
    const changed = tgt.map((seq) => seq.map((id, t) => (t > 2 ? (id + 1) % sizes.Vt : id)));
    const [a, b] = [ref.decodeTeacherForcing(context, tgt, params), ref.decodeTeacherForcing(context, changed, params)];
    expectClose('steps 0..2', b.map((seq) => seq.slice(0, 3)), a.map((seq) => seq.slice(0, 3)), { atol: 0, rtol: 0 });
    expect(a.map((seq) => seq[3])).not.toEqual(b.map((seq) => seq[3]));
  });

  test('ids out of range are RangeErrors', () => {
    noLeaks(() => expect(() => ref.encode([[0, sizes.Vs]], params)).toThrow(RangeError));
    noLeaks(() => expect(() => ref.decodeTeacherForcing([[0, 0, 0, 0]], [[-1]], params)).toThrow(RangeError));
    noLeaks(() => expect(() => ref.greedyDecode([[0, 0, 0, 0]], params, { sos: 0, eos: 1, maxLen: 0 })).toThrow(RangeError));
    noLeaks(() => expect(() => ref.greedyDecode([[0, 0, 0, 0]], params, { sos: 0.5, eos: 1, maxLen: 2 })).toThrow(RangeError));
  });
});

describe('reference greedy decoding', () => {
  test('a decoder that counts 1, 2, 3, … stops after emitting eos, or after maxLen tokens', () => {
    const model: Seq2SeqParams = { encoder: params.encoder, decoder: successorDecoder(6) };
    const context = random.matrix(3, 6);
    expect(noLeaks(() => ref.greedyDecode(context, model, { sos: 0, eos: 4, maxLen: 10 }))).toEqual([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]);
    expect(ref.greedyDecode(context, model, { sos: 0, eos: 4, maxLen: 2 })).toEqual([[1, 2], [1, 2], [1, 2]]);
    expect(ref.greedyDecode(context, model, { sos: 2, eos: 1, maxLen: 9 })).toEqual([[3, 4, 5, 0, 1], [3, 4, 5, 0, 1], [3, 4, 5, 0, 1]]);
  });

  test('greedy decoding equals teacher forcing fed with its own outputs; its first token is the argmax of the first logits', () => {
    const context = ref.encode(ids(4, 3, sizes.Vs), params);
    const decoded = ref.greedyDecode(context, params, { sos: 0, eos: 1, maxLen: 6 });
    decoded.forEach((out, n) => {
      const logits = ref.decodeTeacherForcing([context[n]!], [[0, ...out.slice(0, -1)]], params)[0]!;
      expect(logits.map(argmax), `example ${n}`).toEqual(out);
      expect(out.length === 6 || out.at(-1) === 1, `example ${n} stops at eos or maxLen`).toBe(true);
      expect(out.slice(0, -1)).not.toContain(1);
    });
    const first = ref.decodeTeacherForcing(context, context.map(() => [0]), params).map((seq) => argmax(seq[0]!));
    expect(decoded.map((out) => out[0])).toEqual(first);
  });

  test('equals the float64 solution (encode, teacher forcing, greedy)', () => {
    const src = ids(3, 4, sizes.Vs);
    const context = ref.encode(src, params);
    expectClose('encode', context, float64.encode(src, params));
    const tgt = ids(3, 5, sizes.Vt);
    expectClose('decodeTeacherForcing', ref.decodeTeacherForcing(context, tgt, params), float64.decodeTeacherForcing(context, tgt, params));
    expect(ref.greedyDecode(context, params, { sos: 0, eos: 2, maxLen: 7 })).toEqual(float64.greedyDecode(context, params, { sos: 0, eos: 2, maxLen: 7 }));
  });
});
