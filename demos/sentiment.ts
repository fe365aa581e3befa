/**
 * Demo (exercises 17 and 01): a many-to-one classifier where word order matters. On the order-sensitive
 * sentiment set ("the food was good, not bad at all" → 1, "the food was bad, not good at all" → 0) every
 * sentence has a partner with the same bag of words and the opposite label, so a bag-of-words logistic
 * regression cannot do better than chance, while an RNN (tf.layers word embedding → simpleRNN (tanh) → dense →
 * sigmoid) that reads the words in order learns that "not" flips the adjective after it.
 *
 * The held-out split keeps partners together (a quarter of the pairs, both sentences), so both models meet bags
 * they never saw. For contrast the same bag-of-words model on the spam subject lines, where the words alone
 * decide, does better than chance. `--student` trains the bag-of-words model on the count vectors of your
 * `bagOfWords` (17) and runs the RNN's held-out predictions through your `rnnForward` (01) on the trained weights.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers calls chained methods (x.flatten()) that tfjs-core alone does not register.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadSentiment, loadSpamSubjects } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { predictLogistic, sigmoidCrossEntropy, trainLogisticRegression, wordCounts } from './lib/bag-of-words.ts';
import { batchStream, seededUniform, splitHeldOut } from './lib/batches.ts';
import { accuracy, largestDifference } from './lib/metrics.ts';
import { barChart, lineChart, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { oneHot3d } from './lib/tensors.ts';
import { adamStep, finalTrainingLoss, trainSteps } from './lib/train.ts';
import { buildVocabulary, encode, lowerCaseWords, type Vocabulary } from './lib/vocab.ts';

type StudentBow = typeof import('../exercises/17-word-embeddings/word-embeddings.ts');
type StudentRnn = typeof import('../exercises/01-rnn-forward/rnn-forward.ts');

const PAD = '<pad>';
const SETTINGS = {
  full: { embedding: 16, hidden: 32, rnnSteps: 300, batchSize: 32, learningRate: 0.01, bowSteps: 300 },
  quick: { embedding: 8, hidden: 8, rnnSteps: 30, batchSize: 32, learningRate: 0.02, bowSteps: 40 },
};
const HELD_OUT_FRACTION = 0.25;
/** Held-out pairs printed with both models' predictions. */
const PAIRS_SHOWN = 4;

/** A canonical key of a sentence's bag of words. */
const bagKey = (tokens: readonly string[]): string => [...tokens].sort().join(' ');

interface Sentence {
  text: string;
  tokens: string[];
  label: number;
}

export const demo: Demo = {
  name: 'sentiment',
  summary: 'bag-of-words vs an RNN on sentences whose label depends on word order (identical bags, opposite labels)',
  studentExercises: ['17-word-embeddings', '01-rnn-forward'],
  run,
};

async function run(options: DemoOptions): Promise<DemoResult> {
  const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
  const studentBow = options.student ? await loadStudentExercise<StudentBow>('17-word-embeddings', ['bagOfWords']) : undefined;
  const studentRnn = options.student ? await loadStudentExercise<StudentRnn>('01-rnn-forward', ['rnnForward']) : undefined;
  const sentences: Sentence[] = loadSentiment().map(({ text, label }) => ({ text, tokens: lowerCaseWords(text), label }));
  const { train, heldOut } = splitPairs(sentences, options.seed);
  const vocab = buildVocabulary(train.map((s) => s.tokens), [PAD]);

  // Bag of words: the partners of a pair get the same features, so the same prediction. --student: your bagOfWords.
  const counts = studentBow ? (s: Sentence) => studentBow.bagOfWords([...s.tokens], [...vocab.tokens]) : (s: Sentence) => wordCounts(s.tokens, vocab);
  const features = (set: readonly Sentence[]) => set.map(counts);
  const bow = await trainLogisticRegression({ label: 'bag of words', features: features(train), labels: train.map((s) => s.label), steps: settings.bowSteps, learningRate: 0.05, log: options.log });
  const bowHeldOut = predictLogistic(bow.model, features(heldOut));

  const rnn = await trainRnn(train, vocab, settings, options);
  try {
    const rnnHeldOut = rnn.predict(heldOut);
    const heldOutAccuracy = { bow: accuracyOf(bowHeldOut, heldOut), rnn: accuracyOf(rnnHeldOut, heldOut) };
    const metrics: DemoResult['metrics'] = {
      'sentences (train / held-out)': `${train.length} / ${heldOut.length}`,
      'bag of words: training accuracy': accuracyOf(predictLogistic(bow.model, features(train)), train).toFixed(3),
      'bag of words: held-out accuracy': heldOutAccuracy.bow.toFixed(3),
      'RNN: training accuracy': accuracyOf(rnn.predict(train), train).toFixed(3),
      'RNN: held-out accuracy': heldOutAccuracy.rnn.toFixed(3),
    };
    const pairs = heldOutPairs(heldOut);
    metrics['held-out pairs with identical bags and opposite labels'] = pairs.length;
    options.log('\nHeld-out sentences bag-of-words cannot separate (same bag, opposite labels):');
    for (const [a, b] of pairs.slice(0, PAIRS_SHOWN)) {
      for (const s of [a, b]) {
        const i = heldOut.indexOf(s);
        options.log(`  [${s.label}] ${s.text.padEnd(44)} bag of words p=${bowHeldOut[i]!.toFixed(2)}  RNN p=${rnnHeldOut[i]!.toFixed(2)}`);
      }
    }
    const spam = await spamBaseline(options, settings.bowSteps);
    metrics['spam subjects: bag-of-words held-out accuracy'] = spam.toFixed(3);
    if (studentBow) {
      const differs = (s: Sentence) => !counts(s).every((n, v) => n === wordCounts(s.tokens, vocab)[v]);
      const first = sentences.find(differs);
      const same = sentences.length - sentences.filter(differs).length;
      metrics['your bagOfWords: count vectors identical to the demo\'s'] = `${same}/${sentences.length}`;
      Object.assign(metrics, studentVerdict({ fn: 'bagOfWords', exercise: '17-word-embeddings', same, of: sentences.length, things: 'count vectors', where: first && `'${first.tokens.join(' ')}'` }));
    }
    if (studentRnn) Object.assign(metrics, compareWithStudentRnn(studentRnn, rnn, heldOut, rnnHeldOut));

    const bars = [
      { category: 'order-sensitive sentences', series: 'bag of words', value: heldOutAccuracy.bow },
      { category: 'order-sensitive sentences', series: 'RNN', value: heldOutAccuracy.rnn },
      { category: 'spam subject lines', series: 'bag of words', value: spam },
    ];
    const plots = [
      await writePlot(options.plotDir, 'sentiment-accuracy', barChart({ title: 'Held-out accuracy (chance: 0.5)', y: 'accuracy', bars, yDomain: [0, 1] })),
      await writePlot(
        options.plotDir,
        'sentiment-loss',
        lineChart({ title: 'Training loss on the order-sensitive sentences', x: 'training step', y: 'binary cross-entropy (nats)', series: { 'bag of words (full batch)': bow.losses, 'RNN (mini-batches)': rnn.losses } }),
      ),
    ];
    return { ...finalTrainingLoss(rnn.losses), metrics, plots };
  } finally {
    rnn.dispose();
  }
}

/** The sentences of `set` grouped by their bag of words (in order of first appearance). */
function groupByBag(set: readonly Sentence[]): Sentence[][] {
  const byBag = new Map<string, Sentence[]>();
  for (const s of set) byBag.set(bagKey(s.tokens), [...(byBag.get(bagKey(s.tokens)) ?? []), s]);
  return [...byBag.values()];
}

/** A held-out quarter of the identical-bag pairs (both partners), the rest for training. */
function splitPairs(sentences: readonly Sentence[], seed: number): { train: Sentence[]; heldOut: Sentence[] } {
  const { train, heldOut } = splitHeldOut(groupByBag(sentences), HELD_OUT_FRACTION, seededUniform(seed));
  return { train: train.flat(), heldOut: heldOut.flat() };
}

/** The pairs in `set` with one bag of words and two labels, positive first. */
function heldOutPairs(set: readonly Sentence[]): [Sentence, Sentence][] {
  return groupByBag(set).filter((group) => group.length === 2 && group[0]!.label !== group[1]!.label).map(([a, b]) => (a!.label === 1 ? [a!, b!] : [b!, a!]));
}

const accuracyOf = (probabilities: readonly number[], set: readonly Sentence[]): number => accuracy(probabilities.map((p) => (p >= 0.5 ? 1 : 0)), set.map((s) => s.label));

interface TrainedRnn {
  losses: number[];
  /** p(positive) of each sentence. */
  predict(set: readonly Sentence[]): number[];
  /** Token ids [N][L], padded in front (so the last step is the last word), as the RNN reads them. */
  ids(set: readonly Sentence[]): number[][];
  model: tfl.Sequential;
  dispose(): void;
}

/** word embedding → simpleRNN (tanh, last state) → dense → sigmoid, trained with Adam on the binary cross-entropy. */
async function trainRnn(train: readonly Sentence[], vocab: Vocabulary, settings: (typeof SETTINGS)['full'], options: DemoOptions): Promise<TrainedRnn> {
  const length = Math.max(...train.map((s) => s.tokens.length));
  const V = vocab.tokens.length;
  // Unknown words (none in this set: every word is in every template) would map to PAD.
  const ids = (set: readonly Sentence[]) => set.map((s) => {
    const known = s.tokens.map((t) => (vocab.index[t] === undefined ? PAD : t)).slice(-length);
    return [...new Array<number>(length - known.length).fill(0), ...encode(vocab, known)];
  });
  // The embedding is a dense layer without bias on one-hot words (the same lookup: one-hot · W picks row W[id]),
  // because the wasm backend has no gradient kernel for tf.layers.embedding's gather.
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: settings.embedding, useBias: false, inputShape: [length, V], kernelInitializer: tfl.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: options.seed }) }),
      tfl.layers.simpleRNN({
        units: settings.hidden,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed + 1 }),
        recurrentInitializer: tfl.initializers.orthogonal({ seed: options.seed + 2 }),
      }),
      tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed + 3 }) }), // the logit; σ of it is p(positive)
    ],
  });
  const logits = (set: readonly Sentence[], training: boolean) => tf.reshape(model.apply(oneHot3d(ids(set), V), { training }) as tf.Tensor, [-1]) as tf.Tensor1D;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.adam(settings.learningRate);
  const nextBatch = batchStream(train, settings.batchSize, seededUniform(options.seed + 1));
  try {
    const losses = await trainSteps({
      label: 'RNN',
      steps: settings.rnnSteps,
      log: options.log,
      step: () => {
        const batch = nextBatch();
        return adamStep(optimizer, () => sigmoidCrossEntropy(logits(batch, true), batch.map((s) => s.label)), variables);
      },
    });
    return {
      losses,
      ids,
      model,
      predict: (set) => Array.from(tf.tidy(() => tf.sigmoid(logits(set, false)).dataSync())),
      dispose: () => model.dispose(),
    };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
}

/** The bag-of-words logistic regression on the spam subject lines (a seeded quarter held out): its held-out accuracy. */
async function spamBaseline(options: DemoOptions, steps: number): Promise<number> {
  const subjects = loadSpamSubjects().map(({ text, label }) => ({ tokens: lowerCaseWords(text), label: label === 'spam' ? 1 : 0 }));
  const { train, heldOut } = splitHeldOut(subjects, HELD_OUT_FRACTION, seededUniform(options.seed + 2));
  const vocab = buildVocabulary(train.map((s) => s.tokens));
  const { model } = await trainLogisticRegression({ label: 'spam bag of words', features: train.map((s) => wordCounts(s.tokens, vocab)), labels: train.map((s) => s.label), steps, learningRate: 0.05, log: options.log });
  const p = predictLogistic(model, heldOut.map((s) => wordCounts(s.tokens, vocab)));
  return accuracy(p.map((v) => (v >= 0.5 ? 1 : 0)), heldOut.map((s) => s.label));
}

/**
 * Your rnnForward on the held-out sentences: the embedding rows of their words as x [N][L][E], h0 = 0, the
 * simpleRNN's kernel, recurrent kernel and bias as Wx, Wh, b; the last state through the dense layer and σ.
 */
function compareWithStudentRnn(student: StudentRnn, rnn: TrainedRnn, heldOut: readonly Sentence[], tfjsProbabilities: readonly number[]): DemoResult['metrics'] {
  const [embedding, Wx, Wh, b, Wy, by] = rnn.model.getWeights().map((w) => w.arraySync()) as [number[][], number[][], number[][], number[], number[][], number[]];
  const x = rnn.ids(heldOut).map((row) => row.map((id) => embedding[id]!));
  const h0 = heldOut.map(() => new Array<number>(b.length).fill(0));
  const { h } = student.rnnForward(x, h0, Wx, Wh, b);
  const yours = h.map((states) => {
    const last = states.at(-1)!;
    const logit = last.reduce((s, v, j) => s + v * Wy[j]![0]!, by[0]!);
    return 1 / (1 + Math.exp(-logit));
  });
  const gap = largestDifference(yours, tfjsProbabilities);
  return {
    'your rnnForward: RNN held-out accuracy': accuracyOf(yours, heldOut).toFixed(3),
    'max |your p − tfjs p|': gap.value.toExponential(2),
    ...studentVerdict({ fn: 'rnnForward', exercise: '01-rnn-forward', difference: gap.value, tolerance: 1e-4, where: `held-out sentence '${heldOut[gap.at[0]!]!.tokens.join(' ')}'` }),
  };
}
