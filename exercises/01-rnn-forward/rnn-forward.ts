/**
 * Exercise 01 — the vanilla RNN forward pass.
 *
 *   h_t = tanh(x_t · Wx + h_{t−1} · Wh + b)        (one step, a batch of N rows at once)
 *   y_t = h_t · Wy + by                            (the output layer, logits over V classes)
 *
 * Read README.md in this folder first; `npm run test:exercises -- 01` checks your work.
 */
import { addRow, add, mapMatrix, matmul, stackTime, timeStep } from '../shared/linalg.ts';
import type { Matrix, RnnCache, RnnStepCache, Tensor3, Vector } from '../shared/types.ts';

/**
 * One time step for a batch.
 * x: [N][D], hPrev: [N][H], Wx: [D][H], Wh: [H][H], b: [H] → h: [N][H] and the cache for the backward step.
 */
export function rnnStepForward(
  x: Matrix,
  hPrev: Matrix,
  Wx: Matrix,
  Wh: Matrix,
  b: Vector,
): { h: Matrix; cache: RnnStepCache } {
  throw new Error("TODO: implement rnnStepForward. Hint: h = tanh(x·Wx + hPrev·Wh + b); the cache is {x, hPrev, Wx, Wh, h}");
}

/**
 * The whole sequence, starting from h0.
 * x: [N][T][D], h0: [N][H] → h: [N][T][H] (every hidden state h_1..h_T) and the cache for BPTT.
 */
export function rnnForward(
  x: Tensor3,
  h0: Matrix,
  Wx: Matrix,
  Wh: Matrix,
  b: Vector,
): { h: Tensor3; cache: RnnCache } {
  throw new Error("TODO: implement rnnForward. Hint: loop t = 0..T−1 calling rnnStepForward on x[:, t] with the previous h; stack the results");
}

/**
 * The output layer applied at every time step.
 * h: [N][T][H], Wy: [H][V], by: [V] → logits: [N][T][V]
 */
export function outputLogits(h: Tensor3, Wy: Matrix, by: Vector): Tensor3 {
  throw new Error("TODO: implement outputLogits. Hint: for each sequence n, h[n] is a [T][H] matrix: h[n]·Wy + by");
}
