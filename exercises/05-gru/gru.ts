/**
 * Exercise 05 — the gated recurrent unit (GRU), Keras/TF.js flavour.
 *
 *   z = σ(x·Wx_z + hPrev·Wh_z + b_z)                  update gate
 *   r = σ(x·Wx_r + hPrev·Wh_r + b_r)                  reset gate
 *   h̃ = tanh(x·Wx_h + (r ⊙ hPrev)·Wh_h + b_h)         candidate: reset *before* the recurrent matmul
 *   h = z ⊙ hPrev + (1 − z) ⊙ h̃                       z = 1 keeps the old state, z = 0 takes the candidate
 *
 * The three gates are packed z, r, h̃ along the last axis: Wx [D][3H], Wh [H][3H], b [3H].
 * Read README.md in this folder first; `npm run test:exercises -- 05` checks your work.
 */
import { add, addRow, hadamard, mapMatrix, matmul, sigmoid, sliceCols, stackTime, timeStep } from '../shared/linalg.ts';
import type { GruCache, GruStepCache, Matrix, Tensor3, Vector } from '../shared/types.ts';

/**
 * One time step for a batch.
 * x: [N][D], hPrev: [N][H], Wx: [D][3H], Wh: [H][3H], b: [3H] → h: [N][H] and the cache for the backward step.
 */
export function gruStepForward(
  x: Matrix,
  hPrev: Matrix,
  Wx: Matrix,
  Wh: Matrix,
  b: Vector,
): { h: Matrix; cache: GruStepCache } {
  throw new Error("TODO: implement gruStepForward. Hint: slice the packed columns into z | r | h̃ blocks of width H; r multiplies hPrev before it meets Wh's h̃ block");
}

/**
 * The whole sequence, starting from h0.
 * x: [N][T][D], h0: [N][H] → h: [N][T][H] (every hidden state h_1..h_T) and the step caches in order.
 */
export function gruForward(
  x: Tensor3,
  h0: Matrix,
  Wx: Matrix,
  Wh: Matrix,
  b: Vector,
): { h: Tensor3; cache: GruCache } {
  throw new Error("TODO: implement gruForward. Hint: as rnnForward in exercise 01: loop over t feeding each step's h into the next, keep every step's cache");
}
