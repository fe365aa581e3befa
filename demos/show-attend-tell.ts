/**
 * Demo (exercises 14 and 09): Show, Attend and Tell (Xu et al., 2015) on the captioning demo's task, spelling
 * the name of the digit in an optdigits image (7 → "seven"), but the decoder looks at the image through
 * attention at every character instead of receiving it once.
 *
 *   show:   the 8×8 image is cut into 16 patches of 2×2 pixels (exercise 14's patchify); each patch becomes an
 *           annotation a_j = tanh(patch_j · Wp + bp + pos_j) (exercise 14's patch embedding, a learnt position
 *           embedding per patch, then tanh), K numbers wide;
 *   attend: at each character, exercise 09's additive (Bahdanau) attention of the decoder state over the 16
 *           annotations gives a context c_t = Σ_j α_tj a_j;
 *   tell:   a GRU decoder reads the previous character and c_t and emits the next (demos/lib/attention-seq2seq.ts),
 *           from s_0 = tanh(mean_j a_j · W0 + b0).
 *
 * Without attention every step gets the mean of the annotations (the same summary s_0 starts from), so the
 * decoder never sees where the ink is beyond that average. Both are trained with the same budget; the held-out
 * accuracy (caption = the digit's name) is printed for each, with the attention map of every character of a few
 * held-out digits. `--student` cuts the patches with your patchify (14) and recomputes one digit's attention
 * with your bahdanauStep (09).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { createAttentionDecoder, decoderVariables, glorotWeights, greedyDecode, memory, teacherForcedLogits, type AttentionDecoder, type Decoding, type Encoded } from './lib/attention-seq2seq.ts';
import { batchStream, padSequences, seededUniform } from './lib/batches.ts';
import { DIGIT_NAMES, DIGIT_SIDE, digitSplit, oneOfEachClass, type Digit } from './lib/digits.ts';
import { largestDifference } from './lib/metrics.ts';
import { barChart, imageGrid, lineChart, writePlot } from './lib/plot.ts';
import { compareAttentionWeights, studentAttentionWeights } from './lib/seq2seq-task.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { maskedCrossEntropy } from './lib/tensors.ts';
import { adamStep, finalTrainingLoss, trainSteps } from './lib/train.ts';
import { buildVocabulary, chars, decode, encode, type Vocabulary } from './lib/vocab.ts';

type Student = typeof import('../exercises/14-patch-embedding/patch-embedding.ts') & typeof import('../exercises/09-attention/attention.ts');

const SOS = '<s>';
const EOS = '</s>';
/** Patch side P: 16 patches of 2×2 pixels. */
const PATCH = 2;
const GRID_SIDE = DIGIT_SIDE / PATCH;
const PATCHES = GRID_SIDE * GRID_SIDE;
const SETTINGS = {
  full: { annotation: 32, embedding: 16, hidden: 48, attention: 32, steps: 400, batchSize: 64, learningRate: 0.01 },
  quick: { annotation: 8, embedding: 8, hidden: 16, attention: 8, steps: 20, batchSize: 32, learningRate: 0.02 },
};
const VARIANTS = [
  { name: 'with attention', attention: true },
  { name: 'without attention', attention: false },
] as const;

export const demo: Demo = {
  name: 'show-attend-tell',
  summary: 'Show, Attend and Tell: a GRU spells a digit\'s name attending over its 16 patches at each character; attention maps, accuracy with and without attention',
  studentExercises: ['14-patch-embedding', '09-attention'],
  run,
};

/** The "show" part and the decoder. */
interface Captioner {
  /** Wp: [P·P][K], bp: [K], pos: [16][K], W0: [K][H], b0: [H] */
  patches: { Wp: tf.Variable; bp: tf.Variable; pos: tf.Variable; W0: tf.Variable; b0: tf.Variable };
  decoder: AttentionDecoder;
  vocab: Vocabulary;
}

function createCaptioner(vocab: Vocabulary, settings: typeof SETTINGS.full, seed: number, attention: boolean): Captioner {
  const weights = glorotWeights(seed);
  const { annotation: K, hidden: H } = settings;
  return {
    patches: { Wp: weights.weight(PATCH * PATCH, K), bp: weights.variable(tf.zeros([K])), pos: weights.weight(PATCHES, K), W0: weights.weight(K, H), b0: weights.variable(tf.zeros([H])) },
    decoder: createAttentionDecoder({ targetVocab: vocab.tokens.length, ...settings, memory: K }, weights, { attention }),
    vocab,
  };
}

const captionerVariables = (c: Captioner): tf.Variable[] => [...Object.values(c.patches), ...decoderVariables(c.decoder)];

/** Images [N][64] → patches [N][16][P·P]: the grid's rows, then its columns, each patch row-major (exercise 14's order). */
function patchTensor(digits: readonly Digit[]): tf.Tensor3D {
  const grid = tf.reshape(tf.tensor2d(digits.map((d) => d.pixels)), [digits.length, GRID_SIDE, PATCH, GRID_SIDE, PATCH]);
  return tf.reshape(tf.transpose(grid, [0, 1, 3, 2, 4]), [digits.length, PATCHES, PATCH * PATCH]);
}

/** The annotations a_j [N][16][K] and s_0 [N][H] of patches [N][16][P·P], as the decoder's memory. */
function show(captioner: Captioner, patches: tf.Tensor3D): Encoded {
  const { Wp, bp, pos, W0, b0 } = captioner.patches;
  const [N, M, D] = patches.shape;
  const embedded = tf.reshape(tf.add(tf.matMul(tf.reshape(patches, [N * M, D]), Wp), bp), [N, M, -1]);
  const annotations = tf.tanh(tf.add(embedded, pos)) as tf.Tensor3D;
  const s0 = tf.tanh(tf.add(tf.matMul(tf.mean(annotations, 1) as tf.Tensor2D, W0), b0)) as tf.Tensor2D;
  return memory(captioner.decoder, annotations, tf.zeros([N, M]), s0);
}

const captionIds = (vocab: Vocabulary, digit: Digit): number[] => encode(vocab, chars(DIGIT_NAMES[digit.label]!));

function teacherForcedLoss(captioner: Captioner, batch: readonly Digit[]): tf.Scalar {
  const [sos, eos] = encode(captioner.vocab, [SOS, EOS]) as [number, number];
  const ids = batch.map((d) => captionIds(captioner.vocab, d));
  const inputs = padSequences(ids.map((s) => [sos, ...s]), eos).ids;
  const targets = padSequences(ids.map((s) => [...s, eos]), eos);
  return maskedCrossEntropy(teacherForcedLogits(captioner.decoder, show(captioner, patchTensor(batch)), inputs), targets.ids, targets.mask);
}

/** Greedy captions of `digits`, with each step's attention over the 16 patches. */
function caption(captioner: Captioner, digits: readonly Digit[]): { captions: string[]; decodings: Decoding[]; annotations: number[][][] } {
  const [sos, eos] = encode(captioner.vocab, [SOS, EOS]) as [number, number];
  const encoded = tf.tidy(() => show(captioner, patchTensor(digits)));
  try {
    const decodings = greedyDecode(captioner.decoder, encoded, { sos, eos, maxLen: Math.max(...DIGIT_NAMES.map((n) => n.length)) + 1 });
    const captions = decodings.map((d) => decode(captioner.vocab, d.ids.filter((id) => id !== eos)).join(''));
    return { captions, decodings, annotations: encoded.states.arraySync() };
  } finally {
    tf.dispose(Object.values(encoded));
  }
}

/** A 4×4 map of attention weights [16] as an 8×8 image (each weight over its 2×2 pixels), scaled so that its largest weight is black. */
function attentionImage(weights: readonly number[]): number[] {
  const top = Math.max(...weights);
  return Array.from({ length: DIGIT_SIDE * DIGIT_SIDE }, (_, p) => weights[Math.floor(p / DIGIT_SIDE / PATCH) * GRID_SIDE + Math.floor((p % DIGIT_SIDE) / PATCH)]! / top);
}

async function run(options: DemoOptions): Promise<DemoResult> {
  const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student
    ? { ...(await loadStudentExercise<Student>('14-patch-embedding', ['patchify'])), ...(await loadStudentExercise<Student>('09-attention', ['bahdanauStep'])) }
    : undefined;
  const { train, heldOut } = digitSplit(options.seed);
  const vocab = buildVocabulary(DIGIT_NAMES.map(chars), [SOS, EOS]);
  const names = heldOut.map((d) => DIGIT_NAMES[d.label]!);
  const metrics: DemoResult['metrics'] = { 'held-out digits': heldOut.length };
  const losses: Record<string, number[]> = {};
  const bars: { category: string; series: string; value: number }[] = [];
  const plots: string[] = [];
  for (const variant of VARIANTS) {
    const captioner = createCaptioner(vocab, settings, options.seed, variant.attention);
    try {
      const optimizer = tf.train.adam(settings.learningRate);
      const nextBatch = batchStream(train, settings.batchSize, seededUniform(options.seed + 1));
      const variables = captionerVariables(captioner);
      losses[variant.name] = await trainSteps({
        label: `show-attend-tell ${variant.name}`,
        steps: settings.steps,
        log: options.log,
        step: () => adamStep(optimizer, () => teacherForcedLoss(captioner, nextBatch()), variables),
      });
      optimizer.dispose();
      const { captions, decodings, annotations } = caption(captioner, heldOut);
      const accuracy = captions.filter((c, n) => c === names[n]).length / names.length;
      metrics[`${variant.name}: held-out accuracy (caption = the digit's name)`] = accuracy.toFixed(3);
      bars.push({ category: 'held-out accuracy', series: variant.name, value: accuracy });
      if (!variant.attention) continue;
      const shown = oneOfEachClass(heldOut).map((d) => heldOut.indexOf(d));
      plots.push(await writePlot(options.plotDir, 'show-attend-tell-attention', imageGrid({
        title: 'Where the decoder looks at each character it writes (dark: most attention)',
        width: DIGIT_SIDE,
        height: DIGIT_SIDE,
        rows: shown.map((n) => ({
          label: `${captions[n]} → ${decode(vocab, decodings[n]!.ids).map((c) => (c === EOS ? 'end' : c)).join(' ')}`,
          images: [heldOut[n]!.pixels, ...decodings[n]!.weights.map(attentionImage)],
        })),
      })));
      if (student) {
        const yours = student.patchify(heldOut.map((d) => Array.from({ length: DIGIT_SIDE }, (_, r) => d.pixels.slice(r * DIGIT_SIDE, (r + 1) * DIGIT_SIDE).map((v) => [v]))), PATCH);
        const mine = tf.tidy(() => patchTensor(heldOut).arraySync());
        const patches = largestDifference(yours, mine);
        metrics['max |your patchify − the demo’s patches|'] = patches.value.toExponential(2);
        Object.assign(metrics, studentVerdict({
          fn: 'patchify', exercise: '14-patch-embedding', difference: patches.value, tolerance: 0,
          where: `held-out digit ${patches.at[0]! + 1}, patch ${patches.at[1]! + 1}, entry ${patches.at[2]! + 1}`,
        }));
        const weights = studentAttentionWeights(student.bahdanauStep, captioner.decoder, decodings[0]!, annotations[0]!, PATCHES);
        Object.assign(metrics, compareAttentionWeights(weights, decodings[0]!.weights));
      }
    } finally {
      tf.dispose(captionerVariables(captioner));
    }
  }
  plots.push(
    await writePlot(options.plotDir, 'show-attend-tell-accuracy', barChart({ title: 'Held-out captions that are the digit\'s name', y: 'accuracy', bars, yDomain: [0, 1], format: '.3f' })),
    await writePlot(options.plotDir, 'show-attend-tell-loss', lineChart({ title: 'Teacher-forced training loss', x: 'training step', y: 'cross-entropy (nats per character)', series: losses, logY: true })),
  );
  return { ...finalTrainingLoss(losses['with attention']!), metrics, plots };
}
