/**
 * Reference for 04-lstm. Gates packed i, f, g, o in Wx [D][4H], Wh [H][4H], b [4H] (= Keras' i, f, c, o):
 *   i, f, o = σ(…), g = tanh(…), c = f ⊙ cPrev + i ⊙ g, h = o ⊙ tanh(c).
 * Backward passes are tfjs autodiff of the forward ones, so they take the forward inputs, not a cache.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LstmCache, LstmStepCache, Matrix, Tensor3, Vector } from '../grader/runtime/shared/types.ts';
import { gradients, read, weightTensors } from './convert.ts';

type Gates = { i: tf.Tensor2D; f: tf.Tensor2D; g: tf.Tensor2D; o: tf.Tensor2D };

/** The four gate activations on tensors: x [N][D], h [N][H] → each [N][H]. */
export function lstmGates(x: tf.Tensor2D, h: tf.Tensor2D, Wx: tf.Tensor2D, Wh: tf.Tensor2D, b: tf.Tensor1D): Gates {
  const a = tf.add(tf.add(tf.matMul(x, Wx), tf.matMul(h, Wh)), b);
  const [i, f, g, o] = tf.split<tf.Tensor2D>(a as tf.Tensor2D, 4, 1);
  return { i: tf.sigmoid(i!), f: tf.sigmoid(f!), g: tf.tanh(g!), o: tf.sigmoid(o!) };
}

/** One step on tensors: x [N][D], h, c [N][H] → the next h and c, [N][H] each. */
export function lstmStep(
  x: tf.Tensor2D,
  h: tf.Tensor2D,
  c: tf.Tensor2D,
  Wx: tf.Tensor2D,
  Wh: tf.Tensor2D,
  b: tf.Tensor1D,
): { h: tf.Tensor2D; c: tf.Tensor2D } {
  const { i, f, g, o } = lstmGates(x, h, Wx, Wh, b);
  const cNext = tf.add(tf.mul(f, c), tf.mul(i, g)) as tf.Tensor2D;
  return { h: tf.mul(o, tf.tanh(cNext)), c: cNext };
}

/** The whole sequence on tensors: x [N][T][D], h0 [N][H], c0 = 0 → every h and c, [N][T][H] each. */
export function lstmSteps(
  x: tf.Tensor3D,
  h0: tf.Tensor2D,
  Wx: tf.Tensor2D,
  Wh: tf.Tensor2D,
  b: tf.Tensor1D,
): { h: tf.Tensor3D; c: tf.Tensor3D } {
  let state = { h: h0, c: tf.zerosLike(h0) };
  const hs: tf.Tensor2D[] = [];
  const cs: tf.Tensor2D[] = [];
  for (let t = 0; t < x.shape[1]; t++) {
    const xt = tf.squeeze<tf.Tensor2D>(tf.slice(x, [0, t, 0], [-1, 1, -1]), [1]);
    state = lstmStep(xt, state.h, state.c, Wx, Wh, b);
    hs.push(state.h);
    cs.push(state.c);
  }
  return { h: tf.stack<tf.Tensor2D>(hs, 1) as tf.Tensor3D, c: tf.stack<tf.Tensor2D>(cs, 1) as tf.Tensor3D };
}

export function lstmStepForward(
  x: Matrix,
  hPrev: Matrix,
  cPrev: Matrix,
  Wx: Matrix,
  Wh: Matrix,
  b: Vector,
): { h: Matrix; c: Matrix } {
  return read(() => lstmStep(tf.tensor2d(x), tf.tensor2d(hPrev), tf.tensor2d(cPrev), ...weightTensors(Wx, Wh, b)));
}

/** The gate activations i, f, g, o of one step ([N][H] each): what the student's step cache holds. */
export function lstmGateValues(x: Matrix, hPrev: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): Record<keyof Gates, Matrix> {
  return read(() => lstmGates(tf.tensor2d(x), tf.tensor2d(hPrev), ...weightTensors(Wx, Wh, b)));
}

export function lstmForward(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): { h: Tensor3; c: Tensor3 } {
  return read(() => lstmSteps(tf.tensor3d(x), tf.tensor2d(h0), ...weightTensors(Wx, Wh, b)));
}

/** The cache a correct `lstmStepForward` saves, from reference values: input to the student's backward. */
export function lstmStepCache(x: Matrix, hPrev: Matrix, cPrev: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): LstmStepCache {
  const { c } = lstmStepForward(x, hPrev, cPrev, Wx, Wh, b);
  return { x, hPrev, cPrev, Wx, Wh, ...lstmGateValues(x, hPrev, Wx, Wh, b), c };
}

/** The cache a correct `lstmForward` saves, from reference values, step by step from c0 = 0. */
export function lstmCache(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): LstmCache {
  const steps: LstmStepCache[] = [];
  let state = { h: h0, c: h0.map((row) => row.map(() => 0)) };
  for (let t = 0; t < x[0]!.length; t++) {
    const xt = x.map((seq) => seq[t]!);
    steps.push(lstmStepCache(xt, state.h, state.c, Wx, Wh, b));
    state = lstmStepForward(xt, state.h, state.c, Wx, Wh, b);
  }
  return { x, h0, steps };
}

/** The forward inputs of one step, which the reference's backward recomputes from. */
export interface LstmStepInputs {
  x: Matrix;
  hPrev: Matrix;
  cPrev: Matrix;
  Wx: Matrix;
  Wh: Matrix;
  b: Vector;
}

/** Gradients of Σ(dh ⊙ h + dc ⊙ c) with respect to every input of the step. */
export function lstmStepBackward(
  dh: Matrix,
  dc: Matrix,
  { x, hPrev, cPrev, Wx, Wh, b }: LstmStepInputs,
): { dx: Matrix; dhPrev: Matrix; dcPrev: Matrix; dWx: Matrix; dWh: Matrix; db: Vector } {
  return read(() => {
    const inputs = [tf.tensor2d(x), tf.tensor2d(hPrev), tf.tensor2d(cPrev), ...weightTensors(Wx, Wh, b)] as const;
    const [dx, dhPrev, dcPrev, dWx, dWh, db] = gradients((...args) => {
      const next = lstmStep(...args);
      return tf.add(tf.sum(tf.mul(tf.tensor2d(dh), next.h)), tf.sum(tf.mul(tf.tensor2d(dc), next.c)));
    }, inputs);
    return { dx, dhPrev, dcPrev, dWx, dWh, db };
  });
}

/** Gradients of Σ_t dh_t ⊙ h_t over the whole sequence (upstream only on the hidden states, c0 = 0). */
export function lstmBackward(
  dh: Tensor3,
  { x, h0, Wx, Wh, b }: { x: Tensor3; h0: Matrix; Wx: Matrix; Wh: Matrix; b: Vector },
): { dx: Tensor3; dh0: Matrix; dWx: Matrix; dWh: Matrix; db: Vector } {
  return read(() => {
    const inputs = [tf.tensor3d(x), tf.tensor2d(h0), ...weightTensors(Wx, Wh, b)] as const;
    const [dx, dh0, dWx, dWh, db] = gradients((...args) => tf.sum(tf.mul(tf.tensor3d(dh), lstmSteps(...args).h)), inputs);
    return { dx, dh0, dWx, dWh, db };
  });
}
