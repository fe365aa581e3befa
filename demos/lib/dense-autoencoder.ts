/**
 * A dense autoencoder in tfjs-core ops over tf.variables, shared by the autoencoder and denoising demos:
 * encoder layers map x [N][D] to the code, decoder layers map the code back to [N][D]; each layer computes
 * act(x @ W + b) (row vectors, W [in][out], as in the exercises). Trained with Adam on the mean squared error
 * between the reconstruction of (possibly corrupted) inputs and the clean inputs (plus an optional penalty on
 * the code), by the shared loop of demos/lib/train.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { trainEpochs, type EpochHistory } from './train.ts';

export type Activation = 'relu' | 'sigmoid' | 'linear';

export interface DenseLayer {
  /** W: [in][out] */
  W: tf.Variable;
  /** b: [out] */
  b: tf.Variable;
  activation: Activation;
}

export interface DenseAutoencoder {
  encoder: DenseLayer[];
  decoder: DenseLayer[];
}

/** Layer widths and activations, input excluded: the encoder's last layer is the code, the decoder's last must be D wide. */
export interface AutoencoderLayout {
  encoder: { units: number; activation: Activation }[];
  decoder: { units: number; activation: Activation }[];
}

/**
 * With `hidden`: `inputSize` → `hidden` ReLU units → a linear code of `codeSize` → `inputSize` sigmoid outputs.
 * Without: exercise 15's layout, one layer each way, a ReLU code (code = relu(x·We + be), recon = σ(code·Wd + bd)).
 */
export function autoencoderLayout(inputSize: number, codeSize: number, hidden?: number): AutoencoderLayout {
  const decoder = [{ units: inputSize, activation: 'sigmoid' as const }];
  if (hidden === undefined) return { encoder: [{ units: codeSize, activation: 'relu' }], decoder };
  return { encoder: [{ units: hidden, activation: 'relu' }, { units: codeSize, activation: 'linear' }], decoder };
}

/** Plain-array weights of a one-layer-each-way model, as exercise 15's functions take them ({encoder: {W, b}, decoder: {W, b}}). */
export function exerciseParams(model: DenseAutoencoder): { encoder: { W: number[][]; b: number[] }; decoder: { W: number[][]; b: number[] } } {
  const [encoder, decoder] = [model.encoder, model.decoder].map((layers) => {
    if (layers.length !== 1) throw new Error(`exercise 15's layout has one encoder and one decoder layer, this model has ${layers.length}`);
    return { W: layers[0]!.W.arraySync() as number[][], b: layers[0]!.b.arraySync() as number[] };
  });
  return { encoder: encoder!, decoder: decoder! };
}

/**
 * Dense layers from `fanIn` inputs through `specs` in turn: Glorot-uniform weights drawn with seeds `seed`,
 * `seed + 1`, … (one per layer) and zero biases.
 */
export function createDenseLayers(fanIn: number, specs: AutoencoderLayout['encoder'], seed: number): DenseLayer[] {
  return specs.map(({ units, activation }, i) => {
    const limit = Math.sqrt(6 / (fanIn + units));
    const layer = { W: tf.variable(tf.randomUniform([fanIn, units], -limit, limit, 'float32', seed + i)), b: tf.variable(tf.zeros([units])), activation };
    fanIn = units;
    return layer;
  });
}

/** Glorot-uniform weights and zero biases, seeded: the same seed gives the same starting network. */
export function createAutoencoder(inputSize: number, layout: AutoencoderLayout, seed: number): DenseAutoencoder {
  const encoder = createDenseLayers(inputSize, layout.encoder, seed);
  const decoder = createDenseLayers(layout.encoder.at(-1)!.units, layout.decoder, seed + encoder.length);
  if (layout.decoder.at(-1)!.units !== inputSize) throw new Error(`the decoder ends with ${layout.decoder.at(-1)!.units} units; it must give back the ${inputSize} inputs`);
  return { encoder, decoder };
}

export const autoencoderVariables = (model: DenseAutoencoder): tf.Variable[] => [...model.encoder, ...model.decoder].flatMap((l) => [l.W, l.b]);

export function disposeAutoencoder(model: DenseAutoencoder): void {
  tf.dispose(autoencoderVariables(model));
}

const activate: Record<Activation, (z: tf.Tensor) => tf.Tensor> = { relu: tf.relu, sigmoid: tf.sigmoid, linear: (z) => z };

export const applyLayers = (layers: readonly DenseLayer[], x: tf.Tensor): tf.Tensor =>
  layers.reduce((h, layer) => activate[layer.activation](tf.add(tf.matMul(h as tf.Tensor2D, layer.W as tf.Tensor2D), layer.b)), x);

/** x [N][D] → code [N][C] and recon [N][D] (tensors the caller disposes, or inside tf.tidy). */
export function autoencoderForward(model: DenseAutoencoder, x: tf.Tensor): { code: tf.Tensor; recon: tf.Tensor } {
  const code = applyLayers(model.encoder, x);
  return { code, recon: applyLayers(model.decoder, code) };
}

/** The reconstructions of plain rows [N][D] → [N][D]. */
export function reconstruct(model: DenseAutoencoder, rows: readonly (readonly number[])[]): number[][] {
  return tf.tidy(() => autoencoderForward(model, tf.tensor2d(rows as number[][])).recon.arraySync() as number[][]);
}

/**
 * Trains `model` to give back clean rows [N][D] from inputs `corrupt(batch, step)` (default: the clean batch
 * itself). Losses are the MSE per pixel, plus `codePenalty(code)` when given (training only); the held-out
 * one compares `reconstruct(heldOut.inputs)` with `heldOut.targets`.
 */
export async function trainAutoencoder(
  model: DenseAutoencoder,
  options: {
    label: string;
    rows: readonly number[][];
    heldOut: { inputs: readonly number[][]; targets: readonly number[][] };
    epochs: number;
    batchSize: number;
    learningRate: number;
    seed: number;
    log: (line: string) => void;
    /** The inputs of training step `step` made from its clean batch [B][D] (inside a tf.tidy). */
    corrupt?: (clean: tf.Tensor2D, step: number) => tf.Tensor2D;
    /** A penalty on the code [B][C] added to the training loss (the sparse autoencoder's L1). */
    codePenalty?: (code: tf.Tensor) => tf.Scalar;
  },
): Promise<EpochHistory> {
  const reconstructionError = (recon: tf.Tensor, targets: tf.Tensor) => tf.mean(tf.squaredDifference(recon, targets)) as tf.Scalar;
  const { corrupt, codePenalty, heldOut, ...loop } = options;
  return trainEpochs({
    ...loop,
    variables: autoencoderVariables(model),
    batchLoss: (clean, step) => {
      const { code, recon } = autoencoderForward(model, corrupt?.(clean, step) ?? clean);
      const error = reconstructionError(recon, clean);
      return codePenalty ? tf.add(error, codePenalty(code)) : error;
    },
    heldOutLoss: () => tf.tidy(() => reconstructionError(autoencoderForward(model, tf.tensor2d(heldOut.inputs as number[][])).recon, tf.tensor2d(heldOut.targets as number[][])).dataSync()[0]!),
  });
}
