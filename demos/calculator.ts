/**
 * Demo (exercise 09): Keras' "calculator", a character-level sequence-to-sequence model that reads "12+7"
 * and writes "19" (datasets/calculator: every a+b and a−b ≥ 0 with a, b in 0..99). The model is the translation
 * demo's encoder–decoder (demos/lib/attention-seq2seq.ts: bidirectional GRU encoder, GRU decoder, greedy
 * decoding), trained twice with the same budget: with Bahdanau attention, and without it (every step gets
 * the average of the encoder states).
 *
 * It is harder than the toy translation: there a target word mostly copies one source word, here every
 * output digit depends on several input digits through the carry or the borrow. Exact match is reported by the
 * number of digits in the problem (2: "3+4", 3: "12+7", 4: "12+34"); the translation task, trained with the same
 * model for fewer steps, is scored alongside. `--student` recomputes the attention weights of one held-out problem with
 * your bahdanauStep on the trained weights.
 */
import { loadCalculatorPairs, loadTranslationPairs } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { disposeSeq2seq, type AttentionSeq2seq } from './lib/attention-seq2seq.ts';
import { seededUniform, splitHeldOut } from './lib/batches.ts';
import { sequenceAccuracy } from './lib/metrics.ts';
import { barChart, heatmap, lineChart, writePlot } from './lib/plot.ts';
import { compareAttentionWeights, createTaskModel, decodedTokens, seq2seqTask, studentAttentionWeights, trainSeq2seq, translate, type Example, type Seq2seqTask } from './lib/seq2seq-task.ts';
import { loadStudentExercise } from './lib/student.ts';
import { finalTrainingLoss } from './lib/train.ts';
import { chars, decode, words } from './lib/vocab.ts';

type Student = typeof import('../exercises/09-attention/attention.ts');

const SETTINGS = {
  full: { sizes: { embedding: 16, hidden: 64, attention: 32 }, steps: 500, translationSteps: 100, batchSize: 32, learningRate: 0.01, heldOut: 1000 },
  quick: { sizes: { embedding: 8, hidden: 16, attention: 8 }, steps: 20, translationSteps: 10, batchSize: 32, learningRate: 0.02, heldOut: 100 },
};
/** Held-out problems whose attention is drawn. */
const HEATMAPS = 2;
const VARIANTS = [
  { name: 'with attention', attention: true },
  { name: 'without attention', attention: false },
] as const;

export const demo: Demo = {
  name: 'calculator',
  summary: 'character-level seq2seq on "12+7" → "19", with and without attention: exact match by number of digits, against the translation task',
  studentExercises: ['09-attention'],
  run,
};

/** How many digits the problem has: 2 ("3+4"), 3 ("12+7") or 4 ("12+34"). */
const digitsIn = (example: Example): number => example.source.filter((c) => /\d/.test(c)).length;

/** A trained model's held-out result. */
interface Scored {
  guesses: string[][];
  exactMatch: number;
  tokenAccuracy: number;
  /** digits in the problem → exact match over those problems */
  byDigits: Map<number, number>;
}

function score(task: Seq2seqTask, model: AttentionSeq2seq, examples: readonly Example[]): Scored & { translated: ReturnType<typeof translate> } {
  const translated = translate(model, task, examples);
  const guesses = translated.decodings.map((d) => decodedTokens(task, d));
  const { exactMatch, tokenAccuracy } = sequenceAccuracy(guesses, examples.map((e) => e.target));
  const byDigits = new Map<number, number>();
  for (const digits of [...new Set(examples.map(digitsIn))].sort()) {
    const chosen = examples.flatMap((e, n) => (digitsIn(e) === digits ? [n] : []));
    byDigits.set(digits, sequenceAccuracy(chosen.map((n) => guesses[n]!), chosen.map((n) => examples[n]!.target)).exactMatch);
  }
  return { guesses, exactMatch, tokenAccuracy, byDigits, translated };
}

async function run(options: DemoOptions): Promise<DemoResult> {
  const { sizes, heldOut: heldOutCount, translationSteps, ...training } = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student ? await loadStudentExercise<Student>('09-attention', ['bahdanauStep']) : undefined;
  const task = seq2seqTask(loadCalculatorPairs().map((p) => ({ source: chars(p.source), target: chars(p.target) })));
  const { train, heldOut } = splitHeldOut(task.examples, heldOutCount / task.examples.length, seededUniform(options.seed));
  const metrics: DemoResult['metrics'] = { 'held-out problems': heldOut.length };
  const losses: Record<string, number[]> = {};
  const bars: { category: string; series: string; value: number }[] = [];
  const plots: string[] = [];
  for (const variant of VARIANTS) {
    const model = createTaskModel(task, sizes, options.seed, { attention: variant.attention });
    try {
      losses[variant.name] = await trainSeq2seq(model, task, train, { label: `calculator ${variant.name}`, ...training, seed: options.seed + 1, log: options.log });
      const result = score(task, model, heldOut);
      metrics[`${variant.name}: held-out exact match`] = result.exactMatch.toFixed(3);
      metrics[`${variant.name}: held-out character accuracy`] = result.tokenAccuracy.toFixed(3);
      for (const [digits, exact] of result.byDigits) {
        metrics[`${variant.name}: exact match, ${digits}-digit problems`] = exact.toFixed(3);
        bars.push({ category: `${digits} digits (${heldOut.filter((e) => digitsIn(e) === digits).length} problems)`, series: variant.name, value: exact });
      }
      if (!variant.attention) continue;
      heldOut.slice(0, 4).forEach((e, n) => (metrics[`held-out ${n + 1}`] = `${e.source.join('')} → ${result.guesses[n]!.join('')} ${result.guesses[n]!.join('') === e.target.join('') ? '✓' : `✗ (${e.target.join('')})`}`));
      for (let n = 0; n < Math.min(HEATMAPS, heldOut.length); n++) {
        const example = heldOut[n]!;
        const weights = result.translated.decodings[n]!.weights.map((row) => row.slice(0, example.source.length));
        plots.push(await writePlot(options.plotDir, `calculator-attention-${n + 1}`, attentionMap(task, example, result.translated.decodings[n]!.ids, weights, 'attention')));
      }
      if (student) {
        const decoding = result.translated.decodings[0]!;
        const mine = decoding.weights.map((row) => row.slice(0, heldOut[0]!.source.length));
        const yours = studentAttentionWeights(student.bahdanauStep, model, decoding, result.translated.encoderStates[0]!, heldOut[0]!.source.length);
        Object.assign(metrics, compareAttentionWeights(yours, mine));
      }
    } finally {
      disposeSeq2seq(model);
    }
  }
  // The translation task with the same model (with attention) and fewer steps: easier, word to word.
  const translation = seq2seqTask(loadTranslationPairs().map((p) => ({ source: words(p.source), target: words(p.target) })));
  const split = splitHeldOut(translation.examples, 0.1, seededUniform(options.seed));
  const translationModel = createTaskModel(translation, sizes, options.seed);
  try {
    losses['translation, with attention'] = await trainSeq2seq(translationModel, translation, split.train, { label: 'translation (for comparison)', ...training, steps: translationSteps, seed: options.seed + 1, log: options.log });
    metrics[`translation, same model, ${translationSteps} steps: held-out exact match`] = score(translation, translationModel, split.heldOut).exactMatch.toFixed(3);
  } finally {
    disposeSeq2seq(translationModel);
  }

  plots.unshift(
    await writePlot(options.plotDir, 'calculator-exact-match', barChart({ title: 'Held-out exact match by the number of digits in the problem', y: 'exact match', bars, yDomain: [0, 1] })),
    await writePlot(options.plotDir, 'calculator-loss', lineChart({ title: 'Teacher-forced training loss (cross-entropy per target token)', x: 'training step', y: 'cross-entropy (nats per token)', series: losses, logY: true })),
  );
  return { ...finalTrainingLoss(losses['with attention']!), metrics, plots };
}

function attentionMap(task: Seq2seqTask, example: Example, ids: readonly number[], weights: number[][], what: string) {
  return heatmap({
    title: `${what}: ${example.source.join('')} = ${example.target.join('')}`,
    matrix: weights,
    rowLabels: decode(task.targetVocab, ids),
    colLabels: example.source,
    x: 'source character',
    y: 'generated character',
    cell: 36,
  });
}
