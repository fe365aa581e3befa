/**
 * Demo (exercise 09): toy French → English translation with an encoder–decoder and Bahdanau attention
 * (demos/lib/attention-seq2seq.ts: bidirectional GRU encoder, additive attention, GRU decoder), words as tokens, trained
 * with Adam and teacher forcing, decoded greedily. It prints held-out translations, token accuracy and exact
 * match, and draws the loss curve and the attention weights (generated words × source words) of held-out
 * sentences: mostly word to word, with "pas" lighting up for "not" and "ne" / "n'…" for "do".
 * `--student` recomputes the attention weights of one decoding with your bahdanauStep on the trained
 * weights (from the same decoder states) and compares them with the demo's.
 */
import { loadTranslationPairs } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { disposeSeq2seq, type Decoding } from './lib/attention-seq2seq.ts';
import { seededUniform, splitHeldOut } from './lib/batches.ts';
import { sequenceAccuracy } from './lib/metrics.ts';
import { heatmap, lineChart, writePlot } from './lib/plot.ts';
import { compareAttentionWeights, createTaskModel, decodedTokens, seq2seqTask, studentAttentionWeights, trainSeq2seq, translate, type Example, type Seq2seqTask } from './lib/seq2seq-task.ts';
import { loadStudentExercise } from './lib/student.ts';
import { finalTrainingLoss } from './lib/train.ts';
import { decode, words } from './lib/vocab.ts';

type Student = typeof import('../exercises/09-attention/attention.ts');

const SETTINGS = {
  full: { sizes: { embedding: 32, hidden: 64, attention: 32 }, steps: 200, batchSize: 32, learningRate: 0.01 },
  quick: { sizes: { embedding: 8, hidden: 16, attention: 8 }, steps: 30, batchSize: 16, learningRate: 0.02 },
};
const HELD_OUT_FRACTION = 0.1;
/** Held-out translations printed, and how many of them get an attention heat map. */
const SHOWN = 6;
const HEATMAPS = 2;

export const demo: Demo = {
  name: 'seq2seq-attention',
  summary: 'French → English with a GRU encoder–decoder and Bahdanau attention: held-out translations, accuracy, attention heat maps',
  studentExercises: ['09-attention'],
  run,
};

async function run(options: DemoOptions): Promise<DemoResult> {
  const { sizes, ...training } = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student ? await loadStudentExercise<Student>('09-attention', ['bahdanauStep']) : undefined;
  const task = seq2seqTask(loadTranslationPairs().map((p) => ({ source: words(p.source), target: words(p.target) })));
  const { train, heldOut } = splitHeldOut(task.examples, HELD_OUT_FRACTION, seededUniform(options.seed));

  const model = createTaskModel(task, sizes, options.seed);
  try {
    const losses = await trainSeq2seq(model, task, train, { label: 'seq2seq-attention', ...training, seed: options.seed + 1, log: options.log });

    const wordsOf = (d: Decoding) => decodedTokens(task, d);
    const translated = translate(model, task, heldOut);
    const guesses = translated.decodings.map(wordsOf);
    const heldOutScore = sequenceAccuracy(guesses, heldOut.map((e) => e.target));
    const trainScore = sequenceAccuracy(translate(model, task, train).decodings.map(wordsOf), train.map((e) => e.target));
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
      plots.push(await writePlot(options.plotDir, `seq2seq-attention-heatmap-${n + 1}`, attentionMap(heldOut[n]!, task, translated.decodings[n]!, weights, 'attention')));
    }
    if (student) {
      const mine = sourceWeights(translated.decodings[0]!, heldOut[0]!);
      const yours = studentAttentionWeights(student.bahdanauStep, model, translated.decodings[0]!, translated.encoderStates[0]!, heldOut[0]!.source.length);
      Object.assign(metrics, compareAttentionWeights(yours, mine));
      plots.push(await writePlot(options.plotDir, 'seq2seq-attention-student', attentionMap(heldOut[0]!, task, translated.decodings[0]!, yours, 'your bahdanauStep’s attention')));
    }
    return { ...finalTrainingLoss(losses), metrics, plots };
  } finally {
    disposeSeq2seq(model);
  }
}

/** The attention weights of a decoding over the example's real source words (padding has weight 0). */
function sourceWeights(decoding: Decoding, example: Example): number[][] {
  return decoding.weights.map((row) => row.slice(0, example.source.length));
}

function attentionMap(example: Example, task: Seq2seqTask, decoding: Decoding, weights: number[][], what: string) {
  return heatmap({
    title: `${what}: ${example.source.join(' ')}`,
    matrix: weights,
    rowLabels: decode(task.targetVocab, decoding.ids),
    colLabels: example.source,
    x: 'source word',
    y: 'generated word',
    cell: 36,
  });
}
