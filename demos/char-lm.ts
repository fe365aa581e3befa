/**
 * Demo (exercise 07): a character-level language model of first names — tf.layers simpleRNN (tanh) over
 * one-hot characters, then a dense layer to the logits of the next character — trained with teacher forcing:
 * each name is the sequence "\n" + name + "\n", the inputs are its characters but the last, the targets its
 * characters but the first, so every step predicts the next character and the last one predicts the end.
 *
 * Then it samples names from "\n" at several temperatures (0 = greedy), each from its own seeded stream of
 * uniform draws (one draw per character, inverse-CDF sampling — exercise 07's convention), and reports the
 * held-out perplexity exp(mean −log p(next character)).
 * `--student` samples the same names with your `generate` on the trained weights, laid out as exercise 07's
 * `{chars, Wx, Wh, b, Wy, by}` (simpleRNN kernel, recurrent kernel, bias; dense kernel, bias).
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers calls chained methods (x.flatten()) that tfjs-core alone does not register.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadNames } from '../datasets/index.ts';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { batchStream, inBatches, padSequences, seededUniform, splitHeldOut } from './lib/batches.ts';
import { argmax } from './lib/metrics.ts';
import { lineChart, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { oneHot3d, maskedCrossEntropy } from './lib/tensors.ts';
import { adamStep, finalTrainingLoss, meanOfLast, trainSteps } from './lib/train.ts';
import { buildVocabulary, chars, encode, type Vocabulary } from './lib/vocab.ts';

type Student = typeof import('../exercises/07-char-lm/char-lm.ts');

/** Starts and ends every name: the model learns when a name is finished. */
const BOUNDARY = '\n';
const SETTINGS = {
  full: { hidden: 64, steps: 1000, batchSize: 64, evalEvery: 100, learningRate: 0.01 },
  quick: { hidden: 16, steps: 40, batchSize: 32, evalEvery: 10, learningRate: 0.02 },
};
const TEMPERATURES = [0, 0.5, 1, 1.5];
/** Names sampled per temperature (greedy decoding gives one name whatever the seed). */
const SAMPLES_PER_TEMPERATURE = 5;
/** Characters generated per sample before it is cut at its first BOUNDARY. */
const MAX_SAMPLE_LENGTH = 20;
const HELD_OUT_FRACTION = 0.1;

/** One training sequence: inputs (all characters but the last) and targets (all but the first), as ids. */
interface Example {
  inputs: number[];
  targets: number[];
}

export const demo: Demo = {
  name: 'char-lm',
  summary: 'a character-level RNN language model of first names: samples at temperatures 0–1.5, held-out perplexity',
  studentExercises: ['07-char-lm'],
  run,
};

async function run(options: DemoOptions): Promise<DemoResult> {
  const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
  const student = options.student ? await loadStudentExercise<Student>('07-char-lm', ['generate']) : undefined;
  const names = loadNames();
  const vocab = buildVocabulary(names.map(chars), [BOUNDARY]); // BOUNDARY, then a–z: code-point order, as 07's buildVocab
  const V = vocab.tokens.length;
  const { train, heldOut } = splitHeldOut(names.map((name) => example(vocab, name)), HELD_OUT_FRACTION, seededUniform(options.seed));

  const model = tfl.sequential({
    layers: [
      tfl.layers.simpleRNN({
        units: settings.hidden,
        returnSequences: true,
        inputShape: [null, V],
        kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed }),
        recurrentInitializer: tfl.initializers.glorotUniform({ seed: options.seed + 1 }), // the default orthogonal one warns about its speed at H = 64
      }),
      tfl.layers.dense({ units: V, kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed + 2 }) }), // logits
    ],
  });
  try {
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const optimizer = tf.train.adam(settings.learningRate);
    const nextBatch = batchStream(train, settings.batchSize, seededUniform(options.seed + 1));
    /** Held-out loss every evalEvery steps, beside the mean training loss of those steps. */
    const curve = { steps: [] as number[], heldOut: [] as number[] };
    const losses = await trainSteps({
      label: 'char-lm',
      steps: settings.steps,
      log: options.log,
      step: (i) => {
        const loss = adamStep(optimizer, () => batchLoss(model, nextBatch(), V), variables);
        if ((i + 1) % settings.evalEvery === 0) {
          curve.steps.push(i + 1);
          curve.heldOut.push(meanLoss(model, heldOut, V));
        }
        return loss;
      },
    });
    optimizer.dispose();
    const trainCurve = curve.steps.map((s) => meanOfLast(losses.slice(0, s), settings.evalEvery));

    const heldOutLoss = meanLoss(model, heldOut, V);
    const samples = sampleNames(model, vocab, options.seed);
    const metrics: DemoResult['metrics'] = {
      'held-out loss (nats per character)': heldOutLoss.toFixed(4),
      'held-out perplexity': Math.exp(heldOutLoss).toFixed(3),
      'perplexity of a uniform guess': V,
    };
    const known = new Set(names);
    for (const temperature of TEMPERATURES) {
      const drawn = samples.filter((s) => s.temperature === temperature).map((s) => s.text);
      metrics[`samples at temperature ${temperature}`] = drawn.join(', ');
      metrics[`samples at temperature ${temperature} that are real names`] = `${drawn.filter((n) => known.has(n)).length}/${drawn.length}`;
    }
    if (student) Object.assign(metrics, compareWithStudent(student, modelLayout(model, vocab), samples));

    const plot = lineChart({
      title: `Character-level RNN on ${train.length} names: loss per character`,
      x: 'training step',
      y: 'cross-entropy (nats per character)',
      xs: curve.steps,
      series: { training: trainCurve, 'held-out': curve.heldOut },
      zeroY: false, // the curves differ in the second digit
    });
    return { ...finalTrainingLoss(losses), metrics, plots: [await writePlot(options.plotDir, 'char-lm-loss', plot)] };
  } finally {
    model.dispose();
  }
}

function example(vocab: Vocabulary, name: string): Example {
  const ids = encode(vocab, chars(BOUNDARY + name + BOUNDARY));
  return { inputs: ids.slice(0, -1), targets: ids.slice(1) };
}

/** Mean cross-entropy per predicted character of a batch (padding after each name's end is not counted). */
function batchLoss(model: tfl.Sequential, batch: readonly Example[], V: number): tf.Scalar {
  const inputs = padSequences(batch.map((e) => e.inputs), 0).ids;
  const { ids: targets, mask } = padSequences(batch.map((e) => e.targets), 0);
  // The RNN runs left to right, so the padding after a name never changes the predictions within it.
  const logits = model.apply(oneHot3d(inputs, V), { training: true }) as tf.Tensor3D;
  return maskedCrossEntropy(logits, targets, mask);
}

/** Mean cross-entropy per character over all of `examples` (each character weighs the same). */
function meanLoss(model: tfl.Sequential, examples: readonly Example[], V: number): number {
  let total = 0;
  let count = 0;
  for (const batch of inBatches(examples, 256)) {
    const characters = batch.reduce((s, e) => s + e.targets.length, 0);
    total += tf.tidy(() => batchLoss(model, batch, V).dataSync()[0]!) * characters;
    count += characters;
  }
  return total / count;
}

interface Sample {
  temperature: number;
  seed: number;
  text: string;
}

/** SAMPLES_PER_TEMPERATURE names per temperature (one for greedy), each from its own seed. */
function sampleNames(model: tfl.Sequential, vocab: Vocabulary, runSeed: number): Sample[] {
  return TEMPERATURES.flatMap((temperature) =>
    Array.from({ length: temperature === 0 ? 1 : SAMPLES_PER_TEMPERATURE }, (_, j) => {
      const seed = runSeed * 100 + j;
      return { temperature, seed, text: sampleName(model, vocab, temperature, seed) };
    }),
  );
}

/**
 * Characters drawn one at a time after BOUNDARY, until the model writes BOUNDARY (or MAX_SAMPLE_LENGTH):
 * the model reads the whole prefix at each step, and draw t of seededUniform(seed) picks character t.
 */
function sampleName(model: tfl.Sequential, vocab: Vocabulary, temperature: number, seed: number): string {
  const draws = seededUniform(seed);
  const ids = encode(vocab, [BOUNDARY]);
  let name = '';
  while (name.length < MAX_SAMPLE_LENGTH) {
    const logits = tf.tidy(() => {
      const all = model.predict(oneHot3d([ids], vocab.tokens.length)) as tf.Tensor3D;
      return tf.slice(all, [0, ids.length - 1, 0], [1, 1, -1]).dataSync();
    });
    const next = drawIndex(Array.from(logits), temperature, draws());
    if (vocab.tokens[next] === BOUNDARY) break;
    name += vocab.tokens[next];
    ids.push(next);
  }
  return name;
}

/**
 * softmax(logits / T), then the first id whose cumulative probability exceeds u (T = 0: the argmax), as
 * tensor ops: that id is the number of cumulative probabilities at or below u (the last id if rounding
 * leaves u above them all).
 */
function drawIndex(logits: number[], temperature: number, u: number): number {
  if (temperature === 0) return argmax(logits);
  const atOrBelow = tf.tidy(() => {
    const probabilities = tf.softmax(tf.div(tf.tensor1d(logits), temperature));
    return tf.sum(tf.cast(tf.lessEqual(tf.cumsum(probabilities), u), 'int32')).dataSync()[0]!;
  });
  return Math.min(atOrBelow, logits.length - 1);
}

/** The trained weights in exercise 07's layout (float32 values, as plain arrays). */
function modelLayout(model: tfl.Sequential, vocab: Vocabulary) {
  const [Wx, Wh, b, Wy, by] = model.getWeights().map((w) => w.arraySync());
  return { chars: vocab.tokens, Wx, Wh, b, Wy, by } as Parameters<Student['generate']>[0];
}

/** Your generate at each sample's temperature and seed, cut at its first BOUNDARY, beside the demo's name. */
function compareWithStudent(student: Student, model: Parameters<Student['generate']>[0], samples: readonly Sample[]): DemoResult['metrics'] {
  const yours = samples.map((s) => student.generate(model, BOUNDARY, MAX_SAMPLE_LENGTH, { temperature: s.temperature, seed: s.seed }).split(BOUNDARY)[0]!);
  const same = yours.filter((text, i) => text === samples[i]!.text).length;
  const first = yours.findIndex((text, i) => text !== samples[i]!.text);
  const metrics: DemoResult['metrics'] = {
    'your generate: samples identical to the demo’s': `${same}/${samples.length}`,
    ...studentVerdict({
      fn: 'generate', exercise: '07-char-lm', same, of: samples.length, things: 'samples',
      where: first < 0 ? undefined : `sample ${first + 1}, temperature ${samples[first]!.temperature} (yours '${yours[first]}', the demo's '${samples[first]!.text}')`,
    }),
  };
  for (const temperature of TEMPERATURES) {
    metrics[`your samples at temperature ${temperature}`] = yours.filter((_, i) => samples[i]!.temperature === temperature).join(', ');
  }
  return metrics;
}
