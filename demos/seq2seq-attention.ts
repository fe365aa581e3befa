/**
 * Demo (exercise 09): toy French → English translation with an encoder–decoder and Bahdanau attention
 * (demos/lib/attention-seq2seq.ts: bidirectional GRU encoder, additive attention, GRU decoder), words as tokens, trained
 * with Adam and teacher forcing, decoded greedily. It prints held-out translations, token accuracy and exact
 * match, and draws the loss curve and the attention weights (generated words × source words) of held-out
 * sentences: mostly word to word, with "pas" lighting up for "not" and "ne" / "n'…" for "do".
 * `--student` recomputes the attention weights of one decoding with your bahdanauStep on the trained
 * weights (from the same decoder states) and compares them with the demo's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadTranslationPairs } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { createSeq2seq, disposeSeq2seq, encode, greedyDecode, seq2seqVariables, teacherForcedLogits, type AttentionSeq2seq, type Decoding } from './lib/attention-seq2seq.ts';
import { batchStream, padSequences, seededUniform, splitHeldOut } from './lib/batches.ts';
import { maxAbsDifference, sequenceAccuracy } from './lib/metrics.ts';
import { heatmap, lineChart, writePlot } from './lib/plot.ts';
import { loadStudentExercise } from './lib/student.ts';
import { maskedCrossEntropy } from './lib/tensors.ts';
import { adamStep, meanOfLast, trainSteps } from './lib/train.ts';
import { buildVocabulary, decode, encode as encodeTokens, words, type Vocabulary } from './lib/vocab.ts';

type Student = typeof import('../exercises/09-attention/attention.ts');

const SOS = '<s>';
const EOS = '</s>';
const SETTINGS = {
  full: { embedding: 32, hidden: 64, attention: 32, steps: 200, batchSize: 32, learningRate: 0.01 },
  quick: { embedding: 8, hidden: 16, attention: 8, steps: 30, batchSize: 16, learningRate: 0.02 },
};
const HELD_OUT_FRACTION = 0.1;
/** Held-out translations printed, and how many of them get an attention heat map. */
const SHOWN = 6;
const HEATMAPS = 2;

/** One sentence pair as token ids: the decoder reads sos + target and predicts target + eos. */
interface Example {
  source: string[];
  target: string[];
  sourceIds: number[];
  decoderInputs: number[];
  decoderTargets: number[];
}

export const demo: Demo = {
  name: 'seq2seq-attention',
  summary: 'French → English with a GRU encoder–decoder and Bahdanau attention: held-out translations, accuracy, attention heat maps',
  studentExercises: ['09-attention'],
  run,
};

async function run(options: DemoOptions): Promise<DemoResult> {
  const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student ? await loadStudentExercise<Student>('09-attention', ['bahdanauStep']) : undefined;
  const pairs = loadTranslationPairs().map((p) => ({ source: words(p.source), target: words(p.target) }));
  const sourceVocab = buildVocabulary(pairs.map((p) => p.source));
  const targetVocab = buildVocabulary(pairs.map((p) => p.target), [SOS, EOS]);
  const [sos, eos] = encodeTokens(targetVocab, [SOS, EOS]) as [number, number];
  const examples = pairs.map(({ source, target }) => {
    const targetIds = encodeTokens(targetVocab, target);
    return { source, target, sourceIds: encodeTokens(sourceVocab, source), decoderInputs: [sos, ...targetIds], decoderTargets: [...targetIds, eos] };
  });
  const { train, heldOut } = splitHeldOut(examples, HELD_OUT_FRACTION, seededUniform(options.seed));
  const maxLen = Math.max(...examples.map((e) => e.decoderTargets.length)) + 2;

  const model = createSeq2seq({ sourceVocab: sourceVocab.tokens.length, targetVocab: targetVocab.tokens.length, ...settings }, options.seed);
  try {
    const optimizer = tf.train.adam(settings.learningRate);
    const nextBatch = batchStream(train, settings.batchSize, seededUniform(options.seed + 1));
    const variables = seq2seqVariables(model);
    const losses = await trainSteps({
      label: 'seq2seq-attention',
      steps: settings.steps,
      log: options.log,
      step: () => adamStep(optimizer, () => batchLoss(model, nextBatch(), eos), variables),
    });
    optimizer.dispose();

    const wordsOf = (d: Decoding) => withoutEos(decode(targetVocab, d.ids));
    const translated = translate(model, heldOut, { sos, eos, maxLen });
    const guesses = translated.decodings.map(wordsOf);
    const heldOutScore = sequenceAccuracy(guesses, heldOut.map((e) => e.target));
    const trainScore = sequenceAccuracy(translate(model, train, { sos, eos, maxLen }).decodings.map(wordsOf), train.map((e) => e.target));
    const metrics: DemoResult['metrics'] = {
      'held-out token accuracy': heldOutScore.tokenAccuracy.toFixed(3),
      'held-out exact match': `${heldOutScore.exactMatch.toFixed(3)} (of ${heldOut.length} sentences)`,
      'training token accuracy': trainScore.tokenAccuracy.toFixed(3),
      'training exact match': trainScore.exactMatch.toFixed(3),
    };
    heldOut.slice(0, SHOWN).forEach((e, n) => {
      const verdict = guesses[n]!.join(' ') === e.target.join(' ') ? '✓' : `✗ (expected: ${e.target.join(' ')})`;
      metrics[`held-out ${n + 1}`] = `${e.source.join(' ')} → ${guesses[n]!.join(' ')} ${verdict}`;
    });

    const plots = [
      await writePlot(options.plotDir, 'seq2seq-attention-loss', lineChart({
        title: 'Teacher-forced training loss (cross-entropy per target word)',
        x: 'training step',
        y: 'cross-entropy (nats per word)',
        series: { training: losses },
        logY: true,
      })),
    ];
    for (let n = 0; n < Math.min(HEATMAPS, heldOut.length); n++) {
      const weights = sourceWeights(translated.decodings[n]!, heldOut[n]!);
      plots.push(await writePlot(options.plotDir, `seq2seq-attention-heatmap-${n + 1}`, attentionMap(heldOut[n]!, targetVocab, translated.decodings[n]!, weights, 'attention')));
    }
    if (student) {
      const mine = sourceWeights(translated.decodings[0]!, heldOut[0]!);
      const yours = studentWeights(student, model, translated.decodings[0]!, translated.encoderStates[0]!, heldOut[0]!);
      metrics['your bahdanauStep vs the demo: max |weight difference|'] = maxAbsDifference(yours, mine).toExponential(2);
      plots.push(await writePlot(options.plotDir, 'seq2seq-attention-student', attentionMap(heldOut[0]!, targetVocab, translated.decodings[0]!, yours, 'your bahdanauStep’s attention')));
    }
    return { finalLoss: meanOfLast(losses, 20), metrics, plots };
  } finally {
    disposeSeq2seq(model);
  }
}

/** Mean cross-entropy per target word (eos included, padding not) of a batch under teacher forcing. */
function batchLoss(model: AttentionSeq2seq, batch: readonly Example[], eos: number): tf.Scalar {
  const source = padSequences(batch.map((e) => e.sourceIds), 0);
  const encoded = encode(model, source.ids, source.mask);
  const inputs = padSequences(batch.map((e) => e.decoderInputs), eos).ids;
  const targets = padSequences(batch.map((e) => e.decoderTargets), eos);
  return maskedCrossEntropy(teacherForcedLogits(model, encoded, inputs), targets.ids, targets.mask);
}

/** Greedy translations of `examples` (one batch), with each sentence's encoder states [S][2H] for the student. */
function translate(model: AttentionSeq2seq, examples: readonly Example[], decoding: { sos: number; eos: number; maxLen: number }) {
  const source = padSequences(examples.map((e) => e.sourceIds), 0);
  const encoded = tf.tidy(() => encode(model, source.ids, source.mask));
  try {
    return { decodings: greedyDecode(model, encoded, decoding), encoderStates: encoded.states.arraySync() };
  } finally {
    tf.dispose(Object.values(encoded));
  }
}

const withoutEos = (tokens: string[]): string[] => (tokens.at(-1) === EOS ? tokens.slice(0, -1) : tokens);

/** The attention weights of a decoding over the example's real source words (padding has weight 0). */
function sourceWeights(decoding: Decoding, example: Example): number[][] {
  return decoding.weights.map((row) => row.slice(0, example.source.length));
}

/** Your bahdanauStep from each step's decoder state, over this sentence's encoder states → [steps][source words]. */
function studentWeights(student: Student, model: AttentionSeq2seq, decoding: Decoding, states: number[][], example: Example): number[][] {
  const [Wq, Wk, wv] = [model.attention.Wq.arraySync() as number[][], model.attention.Wk.arraySync() as number[][], model.attention.wv.arraySync() as number[]];
  const steps = decoding.queries.length;
  const encOut = Array.from({ length: steps }, () => states); // the same sentence as the key of every step
  const { weights } = student.bahdanauStep(decoding.queries, encOut, { Wq, Wk, wv }, new Array<number>(steps).fill(example.source.length));
  return weights.map((row) => row.slice(0, example.source.length));
}

function attentionMap(example: Example, targetVocab: Vocabulary, decoding: Decoding, weights: number[][], what: string) {
  return heatmap({
    title: `${what}: ${example.source.join(' ')}`,
    matrix: weights,
    rowLabels: decode(targetVocab, decoding.ids),
    colLabels: example.source,
    x: 'source word',
    y: 'generated word',
    cell: 36,
  });
}
