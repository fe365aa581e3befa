/**
 * Reference for 02-bptt. Every backward function is tfjs autodiff (tf.grads) of the forward in ./rnn.ts
 * with the objective Σ dh ⊙ h, whose gradient is exactly the vector-Jacobian product BPTT computes.
 * Unlike the student's functions, the backward functions take the forward's inputs, not a cache.
 */
import * as tf from '@tensorflow/tfjs-core';
import type {
  GradientRecord,
  Matrix,
  RnnCache,
  RnnGrads,
  RnnStepCache,
  RnnStepGrads,
  SoftmaxLossResult,
  Tensor3,
  Vector,
} from '../grader/runtime/shared/types.ts';
import { gradients, read, weightTensors } from './convert.ts';
import { rnnForward, rnnStep, rnnStepForward, rnnSteps } from './01-rnn-forward.ts';

export interface StepInputs {
  x: Matrix;
  hPrev: Matrix;
  Wx: Matrix;
  Wh: Matrix;
  b: Vector;
}

export interface SequenceInputs {
  x: Tensor3;
  h0: Matrix;
  Wx: Matrix;
  Wh: Matrix;
  b: Vector;
}

/** The cache a correct rnnStepForward saves for these inputs (what the student's backward receives). */
export function stepCacheOf({ x, hPrev, Wx, Wh, b }: StepInputs): RnnStepCache {
  return { x, hPrev, Wx, Wh, h: rnnStepForward(x, hPrev, Wx, Wh, b).h };
}

/** The cache a correct rnnForward saves for these inputs. */
export function sequenceCacheOf({ x, h0, Wx, Wh, b }: SequenceInputs): RnnCache {
  return { x, h0, Wx, Wh, h: rnnForward(x, h0, Wx, Wh, b).h };
}

type SequenceTensors = [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];

const sequenceTensors = ({ x, h0, Wx, Wh, b }: SequenceInputs): SequenceTensors => [tf.tensor3d(x), tf.tensor2d(h0), ...weightTensors(Wx, Wh, b)];

/** Σ upstream ⊙ y: the scalar whose gradient is the vector-Jacobian product upstream · ∂y/∂inputs. */
const weighted = (upstream: tf.Tensor, y: tf.Tensor): tf.Scalar => tf.sum(tf.mul(upstream, y));

/** Gradients of Σ dh ⊙ rnnStep(x, hPrev, Wx, Wh, b). */
export function rnnStepBackward(dh: Matrix, { x, hPrev, Wx, Wh, b }: StepInputs): RnnStepGrads {
  return read(() => {
    const upstream = tf.tensor2d(dh);
    const inputs = [tf.tensor2d(x), tf.tensor2d(hPrev), ...weightTensors(Wx, Wh, b)] as const;
    const [dx, dhPrev, dWx, dWh, db] = gradients((...args) => weighted(upstream, rnnStep(...args)), inputs);
    return { dx, dhPrev, dWx, dWh, db };
  });
}

/** Gradients of Σ_t dh[:, t] ⊙ h_t for steps [from, to) run from state `start` (h0 when from = 0). */
function windowGrads(upstream: tf.Tensor3D, tensors: SequenceTensors, start: tf.Tensor2D, from: number, to: number): SequenceTensors {
  const [x, , Wx, Wh, b] = tensors;
  const window = tf.slice(upstream, [0, from, 0], [-1, to - from, -1]);
  return gradients((xv, hv, Wxv, Whv, bv) => weighted(window, rnnSteps(xv, hv, Wxv, Whv, bv, from, to)), [x, start, Wx, Wh, b]);
}

/** [dx, dh0, dWx, dWh, db] as named tensors, for read(). */
const named = ([dx, dh0, dWx, dWh, db]: tf.Tensor[]) => ({
  dx: dx as tf.Tensor3D,
  dh0: dh0 as tf.Tensor2D,
  dWx: dWx as tf.Tensor2D,
  dWh: dWh as tf.Tensor2D,
  db: db as tf.Tensor1D,
});

/** Full BPTT: gradients of Σ_t dh[:, t] ⊙ h_t with respect to x, h0, Wx, Wh, b. */
export function rnnBackward(dh: Tensor3, inputs: SequenceInputs): RnnGrads {
  return read(() => {
    const tensors = sequenceTensors(inputs);
    return named(windowGrads(tf.tensor3d(dh), tensors, tensors[1], 0, inputs.x[0]!.length));
  });
}

/**
 * Truncated BPTT, built independently of the solution's loop: for each t, the state h_{start−1}
 * (start = max(0, t−k+1)) is computed by a separate forward, so it is a constant for tf.grads (tfjs has no
 * stopGradient); steps start..t are re-run from it and only dh[:, t] is injected. The gradients are
 * summed over t; dh0 receives the state's gradient only when start = 0, where the state is h0 itself.
 */
export function rnnBackwardTruncated(dh: Tensor3, inputs: SequenceInputs, k: number): RnnGrads {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be an integer ≥ 1, got ${k}`);
  return read(() => {
    const tensors = sequenceTensors(inputs);
    const [x, h0, Wx, Wh, b] = tensors;
    const upstream = tf.tensor3d(dh);
    const steps = inputs.x[0]!.length;
    let total = [tf.zerosLike(x), tf.zerosLike(h0), tf.zerosLike(Wx), tf.zerosLike(Wh), tf.zerosLike(b)];
    for (let t = 0; t < steps; t++) {
      const start = Math.max(0, t - k + 1);
      const state = start === 0 ? h0 : lastState(rnnSteps(x, h0, Wx, Wh, b, 0, start));
      const onlyT = tf.mul(upstream, timeIndicator(steps, t)) as tf.Tensor3D;
      const grads = windowGrads(onlyT, tensors, state, start, t + 1);
      if (start > 0) grads[1] = tf.zerosLike(h0); // the gradient stops at h_{start−1}: it is not h0
      total = total.map((sum, i) => tf.add(sum, grads[i]!));
    }
    return named(total);
  });
}

/** The last state of h: [N][T][H] → [N][H]. */
const lastState = (h: tf.Tensor3D): tf.Tensor2D => tf.squeeze<tf.Tensor2D>(tf.slice(h, [0, h.shape[1] - 1, 0], [-1, 1, -1]), [1]);

/** [1][T][1] with a 1 at step t: multiplies dh so that only step t's gradient is injected. */
const timeIndicator = (steps: number, t: number): tf.Tensor3D => tf.reshape<tf.Rank.R3>(tf.oneHot([t], steps), [1, steps, 1]);

/** loss = −(1/N) Σ_n Σ_t mask · log softmax(logits)[y], and its gradient, by tf.valueAndGrads. */
export function temporalSoftmaxLoss(logits: Tensor3, y: Matrix, mask: Matrix): SoftmaxLossResult {
  const { loss, dLogits } = read(() => {
    const V = logits[0]![0]!.length;
    const targets = tf.oneHot(tf.tensor2d(y, undefined, 'int32'), V);
    const weights = tf.expandDims(tf.tensor2d(mask), 2);
    const lossOf = (z: tf.Tensor): tf.Scalar =>
      tf.div(tf.neg(tf.sum(tf.mul(tf.mul(weights, targets), tf.logSoftmax(z)))), logits.length);
    const { value, grads } = tf.valueAndGrads(lossOf)([tf.tensor3d(logits)]);
    return { loss: value, dLogits: grads[0] as tf.Tensor3D };
  });
  return { loss: loss as number, dLogits };
}

/** Every entry clipped to [−limit, limit] (tf.clipByValue). */
export function clipElementwise<G extends GradientRecord>(grads: G, limit: number): G {
  if (!(Number.isFinite(limit) && limit > 0)) throw new RangeError(`limit must be a finite number > 0, got ${limit}`);
  return read(() => mapTensors(grads, (g) => tf.clipByValue(g, -limit, limit))) as G;
}

/** All gradients scaled by maxNorm / ‖g‖ when their global norm ‖g‖ exceeds maxNorm. */
export function clipGlobalNorm<G extends GradientRecord>(grads: G, maxNorm: number): G {
  if (!(maxNorm > 0)) throw new RangeError(`maxNorm must be a number > 0, got ${maxNorm}`);
  return read(() => {
    const tensors = Object.values(grads as GradientRecord).map((g) => tf.tensor(g));
    const norm = tf.sqrt(tf.addN(tensors.map((g) => tf.sum(tf.square(g)))));
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm)); // 1 when norm ≤ maxNorm
    return mapTensors(grads, (g) => tf.mul(g, scale));
  }) as G;
}

function mapTensors(grads: GradientRecord, f: (g: tf.Tensor) => tf.Tensor): Record<string, tf.Tensor> {
  return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, f(tf.tensor(g))]));
}
