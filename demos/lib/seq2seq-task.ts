/**
 * A sequence-to-sequence task for the encoder–decoder of attention-seq2seq.ts, as the translation and
 * calculator demos use it: token pairs become ids (the decoder reads <s> + target and predicts target + </s>),
 * teacher-forced training with Adam on mini-batches, and greedy decoding of a batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createSeq2seq, encode, greedyDecode, seq2seqVariables, teacherForcedLogits, type AttentionDecoder, type AttentionSeq2seq, type Decoding, type Seq2seqSizes } from './attention-seq2seq.ts';
import { batchStream, padSequences, seededUniform } from './batches.ts';
import { largestDifference } from './metrics.ts';
import { studentVerdict } from './student.ts';
import { maskedCrossEntropy } from './tensors.ts';
import { adamStep, trainSteps } from './train.ts';
import { buildVocabulary, decode, encode as encodeTokens, type Vocabulary } from './vocab.ts';

export const SOS = '<s>';
export const EOS = '</s>';

/** One pair as token ids. */
export interface Example {
  source: string[];
  target: string[];
  sourceIds: number[];
  decoderInputs: number[];
  decoderTargets: number[];
}

export interface Seq2seqTask {
  sourceVocab: Vocabulary;
  /** <s> and </s> first. */
  targetVocab: Vocabulary;
  examples: Example[];
  sos: number;
  eos: number;
  /** The longest target and its </s>, plus 2: where greedy decoding gives up. */
  maxLen: number;
}

export function seq2seqTask(pairs: readonly { source: string[]; target: string[] }[]): Seq2seqTask {
  const sourceVocab = buildVocabulary(pairs.map((p) => p.source));
  const targetVocab = buildVocabulary(pairs.map((p) => p.target), [SOS, EOS]);
  const [sos, eos] = encodeTokens(targetVocab, [SOS, EOS]) as [number, number];
  const examples = pairs.map(({ source, target }) => {
    const targetIds = encodeTokens(targetVocab, target);
    return { source, target, sourceIds: encodeTokens(sourceVocab, source), decoderInputs: [sos, ...targetIds], decoderTargets: [...targetIds, eos] };
  });
  return { sourceVocab, targetVocab, examples, sos, eos, maxLen: Math.max(...examples.map((e) => e.decoderTargets.length)) + 2 };
}

/** A fresh model sized for the task's vocabularies. */
export function createTaskModel(task: Seq2seqTask, sizes: Omit<Seq2seqSizes, 'sourceVocab' | 'targetVocab'>, seed: number, options?: { attention?: boolean }): AttentionSeq2seq {
  return createSeq2seq({ sourceVocab: task.sourceVocab.tokens.length, targetVocab: task.targetVocab.tokens.length, ...sizes }, seed, options);
}

/** Mean cross-entropy per target token (</s> included, padding not) of a batch under teacher forcing. */
function batchLoss(model: AttentionSeq2seq, batch: readonly Example[], eos: number): tf.Scalar {
  const source = padSequences(batch.map((e) => e.sourceIds), 0);
  const encoded = encode(model, source.ids, source.mask);
  const inputs = padSequences(batch.map((e) => e.decoderInputs), eos).ids;
  const targets = padSequences(batch.map((e) => e.decoderTargets), eos);
  return maskedCrossEntropy(teacherForcedLogits(model, encoded, inputs), targets.ids, targets.mask);
}

/** `steps` Adam steps on shuffled mini-batches of `train` (seeded); returns each step's loss. */
export async function trainSeq2seq(
  model: AttentionSeq2seq,
  task: Seq2seqTask,
  train: readonly Example[],
  options: { label: string; steps: number; batchSize: number; learningRate: number; seed: number; log: (line: string) => void },
): Promise<number[]> {
  const optimizer = tf.train.adam(options.learningRate);
  const nextBatch = batchStream(train, options.batchSize, seededUniform(options.seed));
  const variables = seq2seqVariables(model);
  try {
    return await trainSteps({ label: options.label, steps: options.steps, log: options.log, step: () => adamStep(optimizer, () => batchLoss(model, nextBatch(), task.eos), variables) });
  } finally {
    optimizer.dispose();
  }
}

/** Greedy decodings of `examples` (one batch), with each example's encoder states [S][2H] (for --student). */
export function translate(model: AttentionSeq2seq, task: Seq2seqTask, examples: readonly Example[]): { decodings: Decoding[]; encoderStates: number[][][] } {
  const source = padSequences(examples.map((e) => e.sourceIds), 0);
  const encoded = tf.tidy(() => encode(model, source.ids, source.mask));
  try {
    return { decodings: greedyDecode(model, encoded, task), encoderStates: encoded.states.arraySync() };
  } finally {
    tf.dispose(Object.values(encoded));
  }
}

/** The tokens a decoding produced, without its </s>. */
export function decodedTokens(task: Seq2seqTask, decoding: Decoding): string[] {
  const tokens = decode(task.targetVocab, decoding.ids);
  return tokens.at(-1) === EOS ? tokens.slice(0, -1) : tokens;
}

/** Your bahdanauStep (09) from each step's decoder state over one example's encoder states [S][K] → weights [steps][real source tokens]. */
export function studentAttentionWeights(
  bahdanauStep: typeof import('../../exercises/09-attention/attention.ts').bahdanauStep,
  model: AttentionDecoder,
  decoding: Decoding,
  states: number[][],
  sourceLength: number,
): number[][] {
  if (!model.attention) throw new Error('this model has no attention weights to compare');
  const { Wq, Wk, wv } = model.attention;
  const params = { Wq: Wq.arraySync() as number[][], Wk: Wk.arraySync() as number[][], wv: wv.arraySync() as number[] };
  const steps = decoding.queries.length;
  const encOut = Array.from({ length: steps }, () => states); // the same example as the key of every step
  const { weights } = bahdanauStep(decoding.queries, encOut, params, new Array<number>(steps).fill(sourceLength));
  return weights.map((row) => row.slice(0, sourceLength));
}

/** Your bahdanauStep's attention weights beside the demo's [steps][source tokens]: the largest difference and its verdict. */
export function compareAttentionWeights(yours: readonly (readonly number[])[], demo: readonly (readonly number[])[]): Record<string, string> {
  const gap = largestDifference(yours, demo);
  return {
    'your bahdanauStep vs the demo: max |weight difference|': gap.value.toExponential(2),
    ...studentVerdict({ fn: 'bahdanauStep', exercise: '09-attention', difference: gap.value, tolerance: 1e-4, where: `output step ${gap.at[0]! + 1}, source position ${gap.at[1]! + 1}` }),
  };
}
