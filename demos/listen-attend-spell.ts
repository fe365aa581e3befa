/**
 * Demo (exercise 09): Listen, Attend and Spell (Chan et al., 2015) in miniature: spelling the digit name spoken
 * in a log-mel spectrogram (datasets/spoken-digits/: espeak-ng's voices, speeds and pitches, 24 mel bands every
 * 10 ms) one character at a time.
 *
 *   listen: a pyramid of bidirectional GRUs: before each layer, pairs of consecutive frames are concatenated
 *           (T frames of D → T/2 of 2D), so two layers turn T frames into T/4 states h_j = [→h_j; ←h_j], each
 *           40 ms of speech heard from both sides (Chan et al.'s pBLSTM, with GRUs);
 *   attend: at each character, exercise 09's additive (Bahdanau) attention of the speller's state over the
 *           listener's states gives a context c_t = Σ_j α_tj h_j;
 *   spell:  a GRU reads the previous character and c_t and emits the next (demos/lib/attention-seq2seq.ts's
 *           decoder), from s_0 = the top forward GRU's last state.
 *
 * The held-out utterances are those of one voice the speller never hears in training (`--seed N` holds out the
 * dataset's N-th voice, cyclically: 1 en-us, 2 en-gb, 3 en-gb-scotland, 4 en-029, 5 en-us+f3, 6 en-gb-x-rp+m3),
 * all its 10 words × 3 speeds × 2 pitches, spelt greedily; the character accuracy (the fraction of the names'
 * characters spelt right at their position) and the word accuracy (names spelt exactly) are printed, with the
 * alignment of a few: which frames the speller listened to for each character. `--student` recomputes one
 * utterance's attention with your bahdanauStep (09).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadSpokenDigits, SPOKEN_DIGIT_WORDS, SPOKEN_DIGITS_BANDS, type Utterance } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { createAttentionDecoder, decoderVariables, glorotWeights, greedyDecode, memory, runGru, teacherForcedLogits, type AttentionDecoder, type Decoding, type Encoded, type Gru } from './lib/attention-seq2seq.ts';
import { batchStream, padSequences, seededUniform } from './lib/batches.ts';
import { maxAbsDifference, sequenceAccuracy } from './lib/metrics.ts';
import { heatmap, lineChart, writePlot, type PlotSpec } from './lib/plot.ts';
import { EOS, SOS, studentAttentionWeights } from './lib/seq2seq-task.ts';
import { loadStudentExercise } from './lib/student.ts';
import { maskedCrossEntropy } from './lib/tensors.ts';
import { adamStep, meanOfLast, trainSteps } from './lib/train.ts';
import { buildVocabulary, chars, decode, encode, type Vocabulary } from './lib/vocab.ts';

type Student = typeof import('../exercises/09-attention/attention.ts');

/** Pyramid layers: each halves the time axis, so the speller attends over T / 2^LAYERS states. */
const LAYERS = 2;
const REDUCTION = 2 ** LAYERS;
const SETTINGS = {
  full: { hidden: 32, embedding: 16, attention: 32, steps: 100, batchSize: 32, learningRate: 0.01 },
  quick: { hidden: 8, embedding: 8, attention: 8, steps: 4, batchSize: 16, learningRate: 0.02 },
};

export const demo: Demo = {
  name: 'listen-attend-spell',
  summary: 'Listen, Attend and Spell: a pyramid of bidirectional GRUs listens to a spoken digit name (log-mel frames), a GRU spells it attending over them; held-out character and word accuracy, alignments',
  studentExercises: ['09-attention'],
  run,
};

interface Speller {
  /** layer l reads pairs of the layer below's states (2·24 wide for the first, 2·2H above), one GRU per direction */
  listener: { forward: Gru; backward: Gru }[];
  decoder: AttentionDecoder;
  vocab: Vocabulary;
}

function createSpeller(vocab: Vocabulary, settings: typeof SETTINGS.full, seed: number): Speller {
  const weights = glorotWeights(seed);
  const H = settings.hidden;
  const listener = Array.from({ length: LAYERS }, (_, l) => {
    const D = 2 * (l === 0 ? SPOKEN_DIGITS_BANDS : 2 * H);
    return { forward: weights.gru(D, H), backward: weights.gru(D, H) };
  });
  return { listener, decoder: createAttentionDecoder({ targetVocab: vocab.tokens.length, ...settings, memory: 2 * H }, weights), vocab };
}

const spellerVariables = (s: Speller): tf.Variable[] => [...s.listener.flatMap((l) => [...Object.values(l.forward), ...Object.values(l.backward)]), ...decoderVariables(s.decoder)];

/** The number of listener states an utterance of `frames` frames has (the last pair of a layer may be half padding). */
const listenerLength = (frames: number): number => Math.ceil(frames / REDUCTION);

/**
 * The listener over a batch of (standardised) spectrograms: [B][T][24], padded with zeros to a multiple of
 * REDUCTION frames → the states [B][T/4][2H] the speller attends to, and s_0.
 */
function listen(speller: Speller, batch: readonly Utterance[]): Encoded {
  const lengths = batch.map((u) => u.frames.length);
  const T = listenerLength(Math.max(...lengths)) * REDUCTION;
  const silence = new Array<number>(SPOKEN_DIGITS_BANDS).fill(0);
  let states = tf.tensor3d(batch.map((u) => Array.from({ length: T }, (_, t) => u.frames[t] ?? silence))) as tf.Tensor3D;
  let real: tf.Tensor2D | undefined;
  let final: tf.Tensor2D | undefined;
  speller.listener.forEach((layer, l) => {
    const [B, S, D] = states.shape;
    const pairs = tf.reshape(states, [B, S / 2, 2 * D]) as tf.Tensor3D; // [x_2j; x_2j+1]: the pyramid's time reduction
    const scale = 2 ** (l + 1);
    real = tf.tensor2d(lengths.map((n) => Array.from({ length: S / 2 }, (_, j) => (j < Math.ceil(n / scale) ? 1 : 0))));
    const forward = runGru(layer.forward, pairs, real, false);
    const backward = runGru(layer.backward, pairs, real, true);
    states = tf.concat([forward.states, backward.states], 2) as tf.Tensor3D;
    final = forward.last;
  });
  return memory(speller.decoder, states, tf.mul(tf.sub(real!, 1), 1e9) as tf.Tensor2D, final!);
}

const spelling = (vocab: Vocabulary, u: Utterance): number[] => encode(vocab, chars(u.word));

function teacherForcedLoss(speller: Speller, batch: readonly Utterance[]): tf.Scalar {
  const [sos, eos] = encode(speller.vocab, [SOS, EOS]) as [number, number];
  const ids = batch.map((u) => spelling(speller.vocab, u));
  const inputs = padSequences(ids.map((s) => [sos, ...s]), eos).ids;
  const targets = padSequences(ids.map((s) => [...s, eos]), eos);
  return maskedCrossEntropy(teacherForcedLogits(speller.decoder, listen(speller, batch), inputs), targets.ids, targets.mask);
}

/** Greedy spellings of `utterances`, with each step's attention over the listener's states and those states. */
function spell(speller: Speller, utterances: readonly Utterance[]): { spellings: string[][]; decodings: Decoding[]; states: number[][][] } {
  const [sos, eos] = encode(speller.vocab, [SOS, EOS]) as [number, number];
  const encoded = tf.tidy(() => listen(speller, utterances));
  try {
    const decodings = greedyDecode(speller.decoder, encoded, { sos, eos, maxLen: Math.max(...SPOKEN_DIGIT_WORDS.map((w) => w.length)) + 1 });
    const spellings = decodings.map((d) => decode(speller.vocab, d.ids.filter((id) => id !== eos)));
    return { spellings, decodings, states: encoded.states.arraySync() };
  } finally {
    tf.dispose(Object.values(encoded));
  }
}

/** Every utterance's frames standardised per mel band with the training frames' mean and standard deviation (tfjs moments). */
function standardised(train: readonly Utterance[], all: readonly Utterance[]): Map<Utterance, Utterance> {
  const { mean, variance } = tf.tidy(() => tf.moments(tf.tensor2d(train.flatMap((u) => u.frames)), 0));
  const out = new Map(all.map((u) => [u, { ...u, frames: tf.tidy(() => tf.div(tf.sub(tf.tensor2d(u.frames), mean), tf.sqrt(tf.add(variance, 1e-6))).arraySync() as number[][]) }]));
  tf.dispose([mean, variance]);
  return out;
}

/** One utterance's alignment: a row per spelt character, a column per 10 ms frame (a listener state's weight over each of its frames). */
function alignment(u: Utterance, vocab: Vocabulary, decoding: Decoding, title: string): PlotSpec {
  const { $schema: _, ...spec } = heatmap({
    title,
    matrix: decoding.weights.map((w) => u.frames.map((_f, t) => w[Math.floor(t / REDUCTION)]!)),
    rowLabels: decode(vocab, decoding.ids).map((c) => (c === EOS ? 'end' : c)),
    colLabels: u.frames.map((_f, t) => (t % 10 === 0 ? `${t * 10} ms` : '')),
    x: 'frame (10 ms)',
    y: 'character spelt',
    cell: 9,
  });
  return spec as PlotSpec;
}

async function run(options: DemoOptions): Promise<DemoResult> {
  const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student ? await loadStudentExercise<Student>('09-attention', ['bahdanauStep']) : undefined;
  const utterances = loadSpokenDigits();
  const voices = [...new Set(utterances.map((u) => u.voice))];
  const heldOutVoice = voices[(((options.seed - 1) % voices.length) + voices.length) % voices.length]!;
  const split = { train: utterances.filter((u) => u.voice !== heldOutVoice), heldOut: utterances.filter((u) => u.voice === heldOutVoice) };
  const scaled = standardised(split.train, utterances);
  const [train, heldOut] = [split.train.map((u) => scaled.get(u)!), split.heldOut.map((u) => scaled.get(u)!)];
  const vocab = buildVocabulary(SPOKEN_DIGIT_WORDS.map(chars), [SOS, EOS]);
  const speller = createSpeller(vocab, settings, options.seed);
  const metrics: DemoResult['metrics'] = { 'training utterances': train.length, 'held-out voice (never heard in training)': heldOutVoice, 'held-out utterances': heldOut.length };
  const plots: string[] = [];
  try {
    const optimizer = tf.train.adam(settings.learningRate);
    const nextBatch = batchStream(train, settings.batchSize, seededUniform(options.seed + 1));
    const variables = spellerVariables(speller);
    const losses = await trainSteps({
      label: 'listen-attend-spell',
      steps: settings.steps,
      log: options.log,
      step: () => adamStep(optimizer, () => teacherForcedLoss(speller, nextBatch()), variables),
    });
    optimizer.dispose();

    const { spellings, decodings, states } = spell(speller, heldOut);
    const { tokenAccuracy, exactMatch } = sequenceAccuracy(spellings, heldOut.map((u) => chars(u.word)));
    metrics['held-out character accuracy'] = tokenAccuracy.toFixed(3);
    metrics['held-out word accuracy (name spelt exactly)'] = exactMatch.toFixed(3);
    const wrong = heldOut.flatMap((u, n) => (spellings[n]!.join('') === u.word ? [] : [`${u.word} → ${spellings[n]!.join('') || '(nothing)'}`]));
    metrics['held-out misspellings'] = wrong.length === 0 ? 'none' : wrong.slice(0, 6).join(', ') + (wrong.length > 6 ? ` … (${wrong.length})` : '');

    const shown = [0, 3, 7, 8].map((d) => heldOut.findIndex((u) => u.digit === d)).filter((n) => n >= 0);
    plots.push(
      await writePlot(options.plotDir, 'listen-attend-spell-alignment', {
        $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
        title: 'Where the speller listens for each character (held-out utterances; bright: most attention)',
        vconcat: shown.map((n) => {
          const u = heldOut[n]!;
          return alignment(u, vocab, decodings[n]!, `"${u.word}" (${u.voice}, ${u.speed} wpm, pitch ${u.pitch}) → ${spellings[n]!.join('') || '(nothing)'}`);
        }),
      } as PlotSpec),
      await writePlot(options.plotDir, 'listen-attend-spell-loss', lineChart({ title: 'Teacher-forced training loss', x: 'training step', y: 'cross-entropy (nats per character)', series: { speller: losses }, logY: true })),
    );
    if (student) {
      const length = listenerLength(heldOut[0]!.frames.length);
      const yours = studentAttentionWeights(student.bahdanauStep, speller.decoder, decodings[0]!, states[0]!, length);
      const difference = maxAbsDifference(yours, decodings[0]!.weights.map((w) => w.slice(0, length)));
      metrics['your bahdanauStep vs the demo: max |weight difference|'] = difference.toExponential(2);
      metrics['verdict'] = difference < 1e-4
        ? `your bahdanauStep attends exactly as the trained speller does ("${heldOut[0]!.word}")`
        : 'your bahdanauStep gives other weights than the demo\'s attention: check the scores, the masking and the softmax';
    }
    return { finalLoss: meanOfLast(losses, 20), metrics, plots };
  } finally {
    tf.dispose(spellerVariables(speller));
  }
}
