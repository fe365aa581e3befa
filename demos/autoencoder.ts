/**
 * Demo (exercise 15): a dense autoencoder on the optdigits digits, 64 pixels → 128 ReLU units → a 16-number
 * code → 64 sigmoid pixels, trained with Adam on the mean squared error per pixel (pixels scaled to [0, 1]).
 *
 * The baseline is PCA with as many components as the code has numbers: the best *linear* reconstruction from
 * 16 numbers. The hidden ReLU layer lets the autoencoder beat it. `--student` trains exercise 15's layout
 * instead (64 → relu code → 64, one layer each way: about as good as PCA, no better), then reconstructs the
 * held-out digits with your denseAutoencoderForward on the trained weights and scores them with your mseLoss.
 */
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { autoencoderLayout, createAutoencoder, disposeAutoencoder, exerciseParams, reconstruct, trainAutoencoder } from './lib/dense-autoencoder.ts';
import { DIGIT_SIDE, digitSplit, oneOfEachClass } from './lib/digits.ts';
import { largestDifference, meanSquaredError, relativeDifference, significant } from './lib/metrics.ts';
import { pcaBasis, pcaReconstruct } from './lib/pca.ts';
import { imageGrid, lineChart, writePlot } from './lib/plot.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';
import { epochCurves, finalTrainingLoss } from './lib/train.ts';

type Student = typeof import('../exercises/15-autoencoders/autoencoders.ts');

const PIXELS = DIGIT_SIDE * DIGIT_SIDE;
const CODE_SIZE = 16;
const HIDDEN = 128;
const TRAINING = { full: { epochs: 100, batchSize: 64 }, quick: { epochs: 6, batchSize: 64 } };

export const demo: Demo = {
  name: 'autoencoder',
  summary: `a dense autoencoder on optdigits (64 → ${CODE_SIZE} → 64): reconstructions of held-out digits vs PCA with ${CODE_SIZE} components`,
  studentExercises: ['15-autoencoders'],
  run,
};

async function run(options: DemoOptions): Promise<DemoResult> {
  const student = options.student ? await loadStudentExercise<Student>('15-autoencoders', ['denseAutoencoderForward', 'mseLoss']) : undefined;
  const { train, heldOut } = digitSplit(options.seed);
  const trainRows = train.map((d) => d.pixels);
  const heldOutRows = heldOut.map((d) => d.pixels);
  const model = createAutoencoder(PIXELS, autoencoderLayout(PIXELS, CODE_SIZE, student ? undefined : HIDDEN), options.seed);
  try {
    const history = await trainAutoencoder(model, {
      label: 'autoencoder',
      rows: trainRows,
      heldOut: { inputs: heldOutRows, targets: heldOutRows },
      ...(options.quick ? TRAINING.quick : TRAINING.full),
      learningRate: 0.003,
      seed: options.seed,
      log: options.log,
    });
    const trainMse = meanSquaredError(reconstruct(model, trainRows), trainRows);
    const heldOutRecon = reconstruct(model, heldOutRows);
    const heldOutMse = meanSquaredError(heldOutRecon, heldOutRows);
    const pca = pcaBasis(trainRows, CODE_SIZE);
    const pcaMse = meanSquaredError(pcaReconstruct(pca, heldOutRows), heldOutRows);
    const metrics: DemoResult['metrics'] = {
      'first step loss': significant(history.steps[0]!),
      'train MSE (mean over the whole training set)': significant(trainMse),
      'held-out MSE': significant(heldOutMse),
      [`PCA (${CODE_SIZE} components) held-out MSE`]: significant(pcaMse),
    };

    const shownIndices = oneOfEachClass(heldOut).map((d) => heldOut.indexOf(d));
    const shown = (rows: number[][]) => shownIndices.map((i) => rows[i]!);
    const gridRows = [
      { label: 'original', images: shown(heldOutRows) },
      { label: 'autoencoder', images: shown(heldOutRecon) },
      { label: `PCA (${CODE_SIZE})`, images: shown(pcaReconstruct(pca, heldOutRows)) },
    ];
    if (student) {
      const yours = student.denseAutoencoderForward(heldOutRows, exerciseParams(model)).recon;
      const recon = largestDifference(yours, heldOutRecon);
      const mse = student.mseLoss(yours, heldOutRows);
      metrics['your held-out MSE (mseLoss)'] = significant(mse);
      metrics['max |your recon − tfjs recon|'] = recon.value.toExponential(2);
      Object.assign(
        metrics,
        studentVerdict({ fn: 'denseAutoencoderForward', exercise: '15-autoencoders', difference: recon.value, tolerance: 1e-5, where: `held-out digit ${recon.at[0]! + 1}, pixel ${recon.at[1]! + 1}` }),
        studentVerdict({ fn: 'mseLoss', exercise: '15-autoencoders', difference: relativeDifference(mse, heldOutMse), tolerance: 1e-4, relative: true }),
      );
      gridRows.push({ label: 'yours', images: shown(yours) });
    }

    const curves = epochCurves(history);
    const plots = [
      await writePlot(
        options.plotDir,
        'autoencoder-reconstructions',
        imageGrid({ title: `Held-out digits and their reconstructions from ${CODE_SIZE} numbers`, width: DIGIT_SIDE, height: DIGIT_SIDE, rows: gridRows }),
      ),
      await writePlot(
        options.plotDir,
        'autoencoder-loss',
        lineChart({
          title: 'Reconstruction error (MSE per pixel)',
          x: 'epoch',
          y: 'MSE',
          series: { training: curves.training, 'held-out': curves.heldOut, [`PCA (${CODE_SIZE}), held-out`]: curves.heldOut.map(() => pcaMse) },
          xs: curves.heldOut.map((_, e) => e + 1),
          logY: true,
        }),
      ),
    ];
    return { ...finalTrainingLoss(history.steps), metrics, plots };
  } finally {
    disposeAutoencoder(model);
  }
}
