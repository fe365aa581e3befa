/**
 * Exercise 04 — the LSTM: four gates, a cell state, and the backward step.
 *
 *   a = x · Wx + hPrev · Wh + b                    (all four gates at once: [N][4H], packed i, f, g, o)
 *   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
 *   c = f ⊙ cPrev + i ⊙ g                          (the cell state: forget some, write some)
 *   h = o ⊙ tanh(c)                                (the hidden state: show some of the cell)
 *
 * Read README.md in this folder first; `npm run test:exercises -- 04` checks your work.
 */
import {
  add,
  addRow,
  concatCols,
  hadamard,
  mapMatrix,
  matmul,
  sigmoid,
  sliceCols,
  stackTime,
  sumRows,
  timeStep,
  transpose,
  zeros,
  zipMatrix,
} from '../shared/linalg.ts';
import type { LstmCache, LstmStepCache, Matrix, Tensor3, Vector } from '../shared/types.ts';

/**
 * One time step for a batch.
 * x: [N][D], hPrev: [N][H], cPrev: [N][H], Wx: [D][4H], Wh: [H][4H], b: [4H]
 * → h: [N][H], c: [N][H] and the cache for the backward step.
 */
export function lstmStepForward(
  x: Matrix,
  hPrev: Matrix,
  cPrev: Matrix,
  Wx: Matrix,
  Wh: Matrix,
  b: Vector,
): { h: Matrix; c: Matrix; cache: LstmStepCache } {
  throw new Error("TODO: implement lstmStepForward. Hint: a = x·Wx + hPrev·Wh + b is [N][4H]; columns [kH, (k+1)H) are gate k of i, f, g, o");
}

/**
 * The whole sequence, starting from h0 and c0 = 0.
 * x: [N][T][D], h0: [N][H] → h: [N][T][H] and c: [N][T][H] (every step's states) and the cache.
 */
export function lstmForward(
  x: Tensor3,
  h0: Matrix,
  Wx: Matrix,
  Wh: Matrix,
  b: Vector,
): { h: Tensor3; c: Tensor3; cache: LstmCache } {
  throw new Error("TODO: implement lstmForward. Hint: start from c = zeros [N][H]; loop t = 0..T−1 carrying both h and c through lstmStepForward");
}

/**
 * Backward through one step. dh, dc: [N][H], the upstream gradients of this step's h and c.
 * → dx: [N][D], dhPrev: [N][H], dcPrev: [N][H], dWx: [D][4H], dWh: [H][4H], db: [4H]
 */
export function lstmStepBackward(
  dh: Matrix,
  dc: Matrix,
  cache: LstmStepCache,
): { dx: Matrix; dhPrev: Matrix; dcPrev: Matrix; dWx: Matrix; dWh: Matrix; db: Vector } {
  throw new Error("TODO: implement lstmStepBackward. Hint: c reaches the loss through dc and through this step's h: add both before going back into the gates (npm run hint -- 04)");
}

/**
 * Backward through the whole sequence (BPTT). dh: [N][T][H], the upstream gradient of every h_t; the last
 * cell state feeds nothing else, so its gradient starts at 0.
 * → dx: [N][T][D], dh0: [N][H], dWx: [D][4H], dWh: [H][4H], db: [4H]
 */
export function lstmBackward(
  dh: Tensor3,
  cache: LstmCache,
): { dx: Tensor3; dh0: Matrix; dWx: Matrix; dWh: Matrix; db: Vector } {
  throw new Error("TODO: implement lstmBackward. Hint: go t = T−1..0: step t gets dh[:, t] plus step t+1's dhPrev, and step t+1's dcPrev as dc; sum the parameter gradients");
}
