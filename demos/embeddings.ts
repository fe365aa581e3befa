/**
 * Demo (exercise 17): skip-gram word embeddings (word2vec's first model) on a small English corpus, the
 * English side of the toy translation pairs and the sentiment sentences.
 *
 *   pairs:  (center, context) for every context word within WINDOW positions of the center, per sentence
 *   model:  p(context | center) = softmax(E[center] · U + c)      E: [V][D] the embeddings, U: [D][V], c: [V]
 *   loss:   mean −ln p(context | center) over the pairs (full softmax: V is small), Adam
 *
 * Words that occur in the same contexts get similar rows of E: pronouns with pronouns, nouns with nouns — and
 * "good" next to "bad", since both follow "the food was": contexts give roles, not meanings. The neighbours
 * are by cosine similarity; the scatter is the 2-D PCA of the unit-length rows of E. `--student` makes the
 * training pairs with your skipGramPairs and finds the neighbours with your nearestNeighbors (and
 * cosineSimilarity) on the trained E.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadSentiment, loadTranslationPairs } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { batchStream, seededUniform } from './lib/batches.ts';
import { significant } from './lib/metrics.ts';
import { pcaBasis, pcaProject } from './lib/pca.ts';
import { lineChart, scatter, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { oneHot2d } from './lib/tensors.ts';
import { adamStep, finalTrainingLoss, trainSteps } from './lib/train.ts';
import { buildVocabulary, encode, lowerCaseWords } from './lib/vocab.ts';

type Student = typeof import('../exercises/17-word-embeddings/word-embeddings.ts');

const WINDOW = 2;
const DIMENSIONS = 16;
const NEIGHBOURS = 4;
/** The words whose neighbours are reported (and coloured in the scatter plot). */
const QUERIES = ['good', 'movie', 'they', 'eat', 'tired'];
/** Two similarities worth a line of their own: same role, opposite meaning; different roles. */
const PAIRS_COMPARED: [string, string][] = [
  ['good', 'bad'],
  ['good', 'movie'],
];
const TRAINING = { full: { steps: 1500, batchSize: 256 }, quick: { steps: 40, batchSize: 256 } };

interface Neighbour {
  word: string;
  similarity: number;
}

/** What --student swaps: how pairs are made and how neighbours and similarities are found. */
interface Functions {
  skipGramPairs(ids: number[], window: number): [number, number][];
  nearestNeighbors(E: number[][], vocab: string[], word: string, k: number): Neighbour[];
  cosineSimilarity(a: number[], b: number[]): number;
}

export const demo: Demo = {
  name: 'embeddings',
  summary: `skip-gram word embeddings (window ${WINDOW}, ${DIMENSIONS} dimensions) on the course's English sentences: nearest neighbours and a 2-D map`,
  studentExercises: ['17-word-embeddings'],
  run,
};

async function run(options: DemoOptions): Promise<DemoResult> {
  const functions: Functions = options.student ? await loadStudentExercise<Student>('17-word-embeddings', ['skipGramPairs', 'nearestNeighbors', 'cosineSimilarity']) : demoFunctions;
  const sentences = [...new Set([...loadTranslationPairs().map((p) => p.target), ...loadSentiment().map((s) => s.text)])].map(lowerCaseWords);
  const vocab = buildVocabulary(sentences);
  const V = vocab.tokens.length;
  const pairs = sentences.flatMap((sentence) => functions.skipGramPairs(encode(vocab, sentence), WINDOW));
  const { steps, batchSize } = options.quick ? TRAINING.quick : TRAINING.full;

  const E = tf.variable(tf.randomNormal([V, DIMENSIONS], 0, 0.1, 'float32', options.seed) as tf.Tensor2D);
  const U = tf.variable(tf.randomNormal([DIMENSIONS, V], 0, 0.1, 'float32', options.seed + 1) as tf.Tensor2D);
  const c = tf.variable(tf.zeros([V]));
  const optimizer = tf.train.adam(0.01);
  const nextBatch = batchStream(pairs, batchSize, seededUniform(options.seed));
  try {
    const losses = await trainSteps({
      label: 'skip-gram',
      steps,
      log: options.log,
      step: () => {
        const batch = nextBatch();
        return tf.tidy(() => {
          // E[center] as onehot(center) · E: differentiable on every backend (wasm has no gradient kernel for tf.gather).
          const centers = oneHot2d(batch.map(([center]) => center), V);
          const contexts = oneHot2d(batch.map(([, context]) => context), V);
          const loss = () => tf.losses.softmaxCrossEntropy(contexts, tf.add(tf.matMul(tf.matMul(centers, E), U), c)) as tf.Scalar;
          return adamStep(optimizer, loss, [E, U, c]);
        });
      },
    });
    const embeddings = E.arraySync() as number[][];

    const metrics: DemoResult['metrics'] = {
      'vocabulary size': V,
      'training pairs': pairs.length,
      'first step loss': significant(losses[0]!),
      'uniform guess loss (ln V)': significant(Math.log(V)),
    };
    const known = (word: string) => word in vocab.index;
    const neighbourhoods = QUERIES.filter(known).map((word) => ({ word, neighbours: functions.nearestNeighbors(embeddings, vocab.tokens, word, NEIGHBOURS) }));
    for (const { word, neighbours } of neighbourhoods) metrics[`neighbours of '${word}'`] = neighbours.map((n) => `${n.word} ${n.similarity.toFixed(2)}`).join(', ');
    for (const [a, b] of PAIRS_COMPARED.filter((pair) => pair.every(known))) {
      metrics[`cos(${a}, ${b})`] = significant(functions.cosineSimilarity(embeddings[vocab.index[a]!]!, embeddings[vocab.index[b]!]!), 3);
    }

    if (options.student) {
      const demoPairs = sentences.flatMap((sentence) => demoFunctions.skipGramPairs(encode(vocab, sentence), WINDOW));
      const sorted = (list: [number, number][]) => JSON.stringify([...list].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      metrics["your pairs vs the demo's"] = sorted(pairs) === sorted(demoPairs) ? 'identical' : `different (${pairs.length} pairs, the demo makes ${demoPairs.length})`;
      const pairsDiffer = (sentence: (typeof sentences)[number]) =>
        sorted(functions.skipGramPairs(encode(vocab, sentence), WINDOW)) !== sorted(demoFunctions.skipGramPairs(encode(vocab, sentence), WINDOW));
      const firstDiffering = sentences.findIndex(pairsDiffer);
      Object.assign(metrics, studentVerdict({
        fn: 'skipGramPairs', exercise: '17-word-embeddings', same: sentences.filter((s) => !pairsDiffer(s)).length, of: sentences.length, things: "sentences' pair lists",
        where: firstDiffering < 0 ? undefined : `sentence ${firstDiffering + 1}`,
      }));
      // Position by position in similarity order, so that ties (words used identically) may come in any order.
      const gaps = neighbourhoods.flatMap(({ word, neighbours }) =>
        demoFunctions.nearestNeighbors(embeddings, vocab.tokens, word, NEIGHBOURS).map((n, i) => ({ gap: Math.abs(n.similarity - (neighbours[i]?.similarity ?? Infinity)), where: `'${word}', neighbour ${i + 1}` })),
      );
      const largest = gaps.reduce((a, b) => (b.gap > a.gap ? b : a), { gap: 0, where: '' });
      metrics['max |your similarity − tfjs similarity|'] = largest.gap.toExponential(2);
      Object.assign(metrics, studentVerdict({ fn: 'nearestNeighbors', exercise: '17-word-embeddings', difference: largest.gap, tolerance: 1e-4, where: largest.where }));
    }

    // Each query and its neighbours share a colour; the rest of the vocabulary is grey.
    const groupOf = new Map<string, string>();
    for (const { word, neighbours } of neighbourhoods) for (const w of [word, ...neighbours.map((n) => n.word)]) if (!groupOf.has(w)) groupOf.set(w, `near '${word}'`);
    const unitRows = embeddings.map((row) => row.map((v) => v / Math.hypot(...row)));
    const coordinates = pcaProject(pcaBasis(unitRows, 2), unitRows);
    const plots = [
      await writePlot(
        options.plotDir,
        'embeddings-map',
        scatter({
          title: 'Word embeddings, 2-D PCA of the unit-length rows of E',
          x: 'PC 1',
          y: 'PC 2',
          points: vocab.tokens.map((word, v) => ({ x: coordinates[v]![0]!, y: coordinates[v]![1]!, label: word, group: groupOf.get(word) })),
        }),
      ),
      await writePlot(options.plotDir, 'embeddings-loss', lineChart({ title: 'Skip-gram training loss (nats per pair)', x: 'step', y: 'cross-entropy', series: { training: losses } })),
    ];
    return { ...finalTrainingLoss(losses), metrics, plots };
  } finally {
    tf.dispose([E, U, c]);
    optimizer.dispose();
  }
}

/** Context offsets of a window: −window … −1, 1 … window. */
const offsets = (window: number): number[] => Array.from({ length: 2 * window }, (_, i) => (i < window ? i - window : i - window + 1));

/**
 * The demo's own versions, with tfjs for the similarities (one product of the unit-length rows of E, then
 * tf.topk). Its pairs come offset by offset, so --student compares them with yours as sorted lists.
 */
const demoFunctions: Functions = {
  skipGramPairs: (ids, window) =>
    offsets(window).flatMap((offset) => ids.slice(Math.max(0, -offset), ids.length - Math.max(0, offset)).map((center, i): [number, number] => [center, ids[i + Math.max(0, -offset) + offset]!])),
  nearestNeighbors(E, vocab, word, k) {
    const self = vocab.indexOf(word);
    const { values, indices } = tf.tidy(() => {
      const unit = tf.div(tf.tensor2d(E), tf.norm(tf.tensor2d(E), 'euclidean', 1, true));
      const similarities = tf.reshape(tf.matMul(unit, tf.slice(unit, [self, 0], [1, -1]), false, true), [-1]);
      const others = tf.where(tf.equal(tf.range(0, vocab.length, 1, 'int32'), self), tf.fill([vocab.length], -Infinity), similarities);
      const top = tf.topk(others, Math.min(k, vocab.length - 1));
      return { values: top.values.dataSync(), indices: top.indices.dataSync() };
    });
    return Array.from(indices, (v, i) => ({ word: vocab[v]!, similarity: values[i]! }));
  },
  cosineSimilarity(a, b) {
    return tf.tidy(() => tf.div(tf.dot(a, b), tf.mul(tf.norm(a), tf.norm(b))).dataSync()[0]!);
  },
};
