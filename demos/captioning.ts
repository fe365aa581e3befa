/**
 * Demo (exercise 04): a one-to-many "captioner" that spells the name of the digit in an optdigits image,
 * 7 → "seven<eos>". The encoder is a dense layer over the 64 pixels giving the initial state (h0, c0) of a
 * character-level LSTM (tf.layers, sigmoid gates, gates packed i, f, g, o); a dense layer turns each hidden
 * state into the logits of the next character.
 *
 * Training uses teacher forcing: the LSTM reads "<sos>seven" and is scored on predicting "seven<eos>" (mean
 * cross-entropy per character). Captions are decoded greedily: from <sos>, feed back the most likely character
 * until <eos>. Held-out accuracy is the fraction of held-out images whose caption is exactly their digit's name.
 * `--student` decodes the same captions with your `lstmStepForward` (04) on the trained weights: the LSTM's
 * kernel, recurrent kernel and bias are your Wx, Wh, b (tf.layers packs the gates i, f, c, o = your i, f, g, o).
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers calls chained methods (x.flatten()) that tfjs-core alone does not register.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { batchStream, padSequences, seededUniform } from './lib/batches.ts';
import { DIGIT_NAMES, DIGIT_SIDE, digitSplit, type Digit } from './lib/digits.ts';
import { argmax, sequenceAccuracy } from './lib/metrics.ts';
import { imageGrid, lineChart, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { maskedCrossEntropy, oneHot3d } from './lib/tensors.ts';
import { adamStep, finalTrainingLoss, trainSteps } from './lib/train.ts';
import { buildVocabulary, chars, encode, type Vocabulary } from './lib/vocab.ts';

type Student = typeof import('../exercises/04-lstm/lstm.ts');

const SOS = '<sos>';
const EOS = '<eos>';
/** The longest name and its <eos>: greedy decoding stops there even without an <eos>. */
const MAX_CAPTION = Math.max(...DIGIT_NAMES.map((n) => n.length)) + 1;
const SETTINGS = {
  full: { hidden: 64, steps: 300, batchSize: 64, learningRate: 0.01 },
  quick: { hidden: 16, steps: 40, batchSize: 64, learningRate: 0.02 },
};
/** Images per caption row of the grid, and mistakes shown below them. */
const GRID = { perCaption: 6, mistakes: 4 };

export const demo: Demo = {
  name: 'captioning',
  summary: 'one-to-many: a dense encoder over a digit image starts an LSTM that spells its name (7 → "seven"), greedy decoding',
  studentExercises: ['04-lstm'],
  run,
};

/** The captioner: the full model (teacher forcing) and its encoder alone (image → [h0, c0]). */
interface Captioner {
  model: tfl.LayersModel;
  encoder: tfl.LayersModel;
  vocab: Vocabulary;
}

async function run(options: DemoOptions): Promise<DemoResult> {
  const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student ? await loadStudentExercise<Student>('04-lstm', ['lstmStepForward']) : undefined;
  const { train, heldOut } = digitSplit(options.seed);
  const vocab = buildVocabulary(DIGIT_NAMES.map(chars), [SOS, EOS]);
  const captioner = createCaptioner(vocab, settings.hidden, options.seed);
  try {
    const variables = captioner.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const optimizer = tf.train.adam(settings.learningRate);
    const nextBatch = batchStream(train, settings.batchSize, seededUniform(options.seed + 1));
    const losses = await trainSteps({
      label: 'captioning',
      steps: settings.steps,
      log: options.log,
      step: () => adamStep(optimizer, () => teacherForcedLoss(captioner, nextBatch()), variables),
    });
    optimizer.dispose();

    const captions = greedyCaptions(captioner, heldOut);
    const names = heldOut.map((d) => DIGIT_NAMES[d.label]!);
    const { tokenAccuracy } = sequenceAccuracy(captions.map(chars), names.map(chars));
    const metrics: DemoResult['metrics'] = {
      'held-out digits': heldOut.length,
      'held-out accuracy (caption = the digit\'s name)': exactAccuracy(captions, names).toFixed(3),
      'held-out character accuracy': tokenAccuracy.toFixed(3),
      'captions that are no digit\'s name': captions.filter((c) => !DIGIT_NAMES.includes(c)).length,
      'first step loss': losses[0]!.toFixed(4),
    };
    if (student) {
      const yours = studentCaptions(student, captioner, heldOut);
      const same = yours.filter((c, i) => c === captions[i]).length;
      const first = yours.findIndex((c, i) => c !== captions[i]);
      metrics['your lstmStepForward: captions identical to the demo\'s'] = `${same}/${captions.length}`;
      Object.assign(metrics, studentVerdict({
        fn: 'lstmStepForward', exercise: '04-lstm', same, of: captions.length, things: 'captions',
        where: first < 0 ? undefined : `held-out digit ${first + 1} (yours '${yours[first]}', the demo's '${captions[first]}')`,
      }));
      metrics['your lstmStepForward: held-out accuracy'] = exactAccuracy(yours, names).toFixed(3);
    }
    const plots = [
      await writePlot(options.plotDir, 'captioning-captions', captionGrid(heldOut, captions)),
      await writePlot(options.plotDir, 'captioning-loss', lineChart({ title: 'Captioner training loss (teacher forcing)', x: 'training step', y: 'cross-entropy (nats per character)', series: { training: losses }, logY: true })),
    ];
    return { ...finalTrainingLoss(losses), metrics, plots };
  } finally {
    captioner.model.dispose();
  }
}

/** image [64] → dense tanh → h0, dense tanh → c0; characters (one-hot) → LSTM from (h0, c0) → dense → logits. */
function createCaptioner(vocab: Vocabulary, hidden: number, seed: number): Captioner {
  const V = vocab.tokens.length;
  const glorot = (offset: number) => tfl.initializers.glorotUniform({ seed: seed + offset });
  const image = tfl.input({ shape: [DIGIT_SIDE * DIGIT_SIDE] });
  const text = tfl.input({ shape: [null, V] });
  const h0 = tfl.layers.dense({ units: hidden, activation: 'tanh', kernelInitializer: glorot(0) }).apply(image) as tfl.SymbolicTensor;
  const c0 = tfl.layers.dense({ units: hidden, activation: 'tanh', kernelInitializer: glorot(1) }).apply(image) as tfl.SymbolicTensor;
  // Glorot, not the default orthogonal recurrent initializer, which warns of slowness for [H][4H] = [64][256].
  const lstm = tfl.layers.lstm({ units: hidden, returnSequences: true, recurrentActivation: 'sigmoid', kernelInitializer: glorot(2), recurrentInitializer: glorot(3) });
  const states = lstm.apply(text, { initialState: [h0, c0] }) as tfl.SymbolicTensor;
  const logits = tfl.layers.dense({ units: V, kernelInitializer: glorot(4) }).apply(states) as tfl.SymbolicTensor;
  return { model: tfl.model({ inputs: [image, text], outputs: logits }), encoder: tfl.model({ inputs: image, outputs: [h0, c0] }), vocab };
}

const imagesTensor = (digits: readonly Digit[]): tf.Tensor2D => tf.tensor2d(digits.map((d) => d.pixels), [digits.length, DIGIT_SIDE * DIGIT_SIDE]);

/** Mean cross-entropy per character of reading "<sos>name" and predicting "name<eos>" (padding not counted). */
function teacherForcedLoss(captioner: Captioner, batch: readonly Digit[]): tf.Scalar {
  const ids = batch.map((d) => encode(captioner.vocab, [SOS, ...chars(DIGIT_NAMES[d.label]!), EOS]));
  const inputs = padSequences(ids.map((s) => s.slice(0, -1)), 0).ids;
  const { ids: targets, mask } = padSequences(ids.map((s) => s.slice(1)), 0);
  const logits = captioner.model.apply([imagesTensor(batch), oneHot3d(inputs, captioner.vocab.tokens.length)], { training: true }) as tf.Tensor3D;
  return maskedCrossEntropy(logits, targets, mask);
}

/** Greedy captions of all `digits` at once: from <sos>, append the argmax character until <eos> (or MAX_CAPTION). */
function greedyCaptions(captioner: Captioner, digits: readonly Digit[]): string[] {
  const V = captioner.vocab.tokens.length;
  const prefixes = digits.map(() => encode(captioner.vocab, [SOS]));
  for (let t = 0; t < MAX_CAPTION; t++) {
    const next = tf.tidy(() => {
      const logits = captioner.model.predict([imagesTensor(digits), oneHot3d(prefixes, V)]) as tf.Tensor3D;
      return tf.argMax(tf.squeeze(tf.slice(logits, [0, t, 0], [-1, 1, -1]), [1]), -1).arraySync() as number[];
    });
    next.forEach((id, n) => prefixes[n]!.push(id));
  }
  return prefixes.map((ids) => captionOf(captioner.vocab, ids.slice(1)));
}

/** The characters before the first <eos> (a caption never holds <sos>/<eos>). */
function captionOf(vocab: Vocabulary, ids: readonly number[]): string {
  const end = ids.indexOf(vocab.index[EOS]!);
  return (end < 0 ? ids : ids.slice(0, end)).map((id) => vocab.tokens[id]).join('');
}

const exactAccuracy = (captions: readonly string[], names: readonly string[]): number => captions.filter((c, i) => c === names[i]).length / names.length;

/**
 * The same greedy decoding with your lstmStepForward: (h0, c0) from the trained encoder, then at each step
 * x = one-hot of the previous character [N][V], your step with the LSTM's weights, logits = h · Wy + by, argmax.
 */
function studentCaptions(student: Student, captioner: Captioner, digits: readonly Digit[]): string[] {
  const { vocab } = captioner;
  const lstm = captioner.model.layers.find((layer) => layer.getClassName() === 'LSTM')!;
  const [Wx, Wh, b] = lstm.getWeights().map((w) => w.arraySync()) as [number[][], number[][], number[]];
  const [Wy, by] = captioner.model.layers.at(-1)!.getWeights().map((w) => w.arraySync()) as [number[][], number[]];
  let [h, c] = tf.tidy(() => (captioner.encoder.predict(imagesTensor(digits)) as tf.Tensor[]).map((s) => s.arraySync() as number[][]));
  let previous = digits.map(() => vocab.index[SOS]!);
  const generated: number[][] = digits.map(() => []);
  for (let t = 0; t < MAX_CAPTION; t++) {
    const x = previous.map((id) => vocab.tokens.map((_, v) => (v === id ? 1 : 0)));
    ({ h, c } = student.lstmStepForward(x, h!, c!, Wx, Wh, b));
    previous = h!.map((row) => argmax(by.map((bias, v) => row.reduce((s, value, j) => s + value * Wy[j]![v]!, bias))));
    previous.forEach((id, n) => generated[n]!.push(id));
  }
  return generated.map((ids) => captionOf(vocab, ids));
}

/** Rows of held-out images by caption, GRID.perCaption each, then a few mistakes labelled with their true digit. */
function captionGrid(digits: readonly Digit[], captions: readonly string[]) {
  const rows = DIGIT_NAMES.map((name) => ({
    label: `"${name}"`,
    images: digits.filter((d, i) => captions[i] === name && DIGIT_NAMES[d.label] === name).slice(0, GRID.perCaption).map((d) => d.pixels),
  })).filter((row) => row.images.length > 0);
  const mistakes = digits.map((d, i) => ({ d, caption: captions[i]! })).filter(({ d, caption }) => caption !== DIGIT_NAMES[d.label]);
  for (const { d, caption } of mistakes.slice(0, GRID.mistakes)) rows.push({ label: `wrong: "${caption}" (a ${d.label})`, images: [d.pixels] });
  return imageGrid({ title: `Greedy captions of held-out digits (${mistakes.length} of ${digits.length} wrong)`, width: DIGIT_SIDE, height: DIGIT_SIDE, rows });
}
