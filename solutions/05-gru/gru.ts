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
  // BEGIN SOLUTION hint: slice the packed columns into z | r | h̃ blocks of width H; r multiplies hPrev before it meets Wh's h̃ block
  const H = Wh.length;
  /** Block k of the packed columns: 0 = z, 1 = r, 2 = h̃. */
  const gate = (m: Matrix, k: number): Matrix => sliceCols(m, k * H, (k + 1) * H);
  const xPart = addRow(matmul(x, Wx), b); // [N][3H]: the input and bias terms of all three gates at once
  const z = mapMatrix(add(gate(xPart, 0), matmul(hPrev, gate(Wh, 0))), sigmoid);
  const r = mapMatrix(add(gate(xPart, 1), matmul(hPrev, gate(Wh, 1))), sigmoid);
  const hTilde = mapMatrix(add(gate(xPart, 2), matmul(hadamard(r, hPrev), gate(Wh, 2))), Math.tanh);
  const h = add(hadamard(z, hPrev), hadamard(mapMatrix(z, (v) => 1 - v), hTilde));
  return { h, cache: { x, hPrev, Wx, Wh, z, r, hTilde, h } };
  // END SOLUTION
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
  // BEGIN SOLUTION hint: as rnnForward in exercise 01: loop over t feeding each step's h into the next, keep every step's cache
  const steps: GruStepCache[] = [];
  let h = h0;
  for (let t = 0; t < x[0]!.length; t++) {
    const step = gruStepForward(timeStep(x, t), h, Wx, Wh, b);
    steps.push(step.cache);
    h = step.h;
  }
  return { h: stackTime(steps.map((s) => s.h)), cache: { x, h0, steps } };
  // END SOLUTION
}
