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
  // BEGIN SOLUTION hint: a = x·Wx + hPrev·Wh + b is [N][4H]; columns [kH, (k+1)H) are gate k of i, f, g, o
  const H = b.length / 4;
  const a = addRow(add(matmul(x, Wx), matmul(hPrev, Wh)), b);
  const [ai, af, ag, ao] = [0, 1, 2, 3].map((k) => sliceCols(a, k * H, (k + 1) * H));
  const i = mapMatrix(ai, sigmoid);
  const f = mapMatrix(af, sigmoid);
  const g = mapMatrix(ag, Math.tanh);
  const o = mapMatrix(ao, sigmoid);
  const c = add(hadamard(f, cPrev), hadamard(i, g));
  const h = hadamard(o, mapMatrix(c, Math.tanh));
  return { h, c, cache: { x, hPrev, cPrev, Wx, Wh, i, f, g, o, c } };
  // END SOLUTION
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
  // BEGIN SOLUTION hint: start from c = zeros [N][H]; loop t = 0..T−1 carrying both h and c through lstmStepForward
  const results: ReturnType<typeof lstmStepForward>[] = [];
  let h = h0;
  let c = zeros(h0.length, b.length / 4);
  for (let t = 0; t < x[0]!.length; t++) {
    const step = lstmStepForward(timeStep(x, t), h, c, Wx, Wh, b);
    results.push(step);
    ({ h, c } = step);
  }
  return {
    h: stackTime(results.map((r) => r.h)),
    c: stackTime(results.map((r) => r.c)),
    cache: { x, h0, steps: results.map((r) => r.cache) },
  };
  // END SOLUTION
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
  // BEGIN SOLUTION hint: c reaches the loss through dc and through this step's h: add both before going back into the gates (npm run hint -- 04)
  const { x, hPrev, cPrev, Wx, Wh, i, f, g, o, c } = cache;
  // Back through an activation, from its output s: σ' = s(1 − s), tanh' = 1 − s².
  const throughSigmoid = (d: Matrix, s: Matrix) => zipMatrix(d, s, (dv, sv) => dv * sv * (1 - sv));
  const throughTanh = (d: Matrix, s: Matrix) => zipMatrix(d, s, (dv, sv) => dv * (1 - sv * sv));
  const tanhC = mapMatrix(c, Math.tanh);
  const dcTotal = add(dc, throughTanh(hadamard(dh, o), tanhC));
  const da = concatCols(
    throughSigmoid(hadamard(dcTotal, g), i),
    throughSigmoid(hadamard(dcTotal, cPrev), f),
    throughTanh(hadamard(dcTotal, i), g),
    throughSigmoid(hadamard(dh, tanhC), o),
  );
  return {
    dx: matmul(da, transpose(Wx)),
    dhPrev: matmul(da, transpose(Wh)),
    dcPrev: hadamard(dcTotal, f),
    dWx: matmul(transpose(x), da),
    dWh: matmul(transpose(hPrev), da),
    db: sumRows(da),
  };
  // END SOLUTION
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
  // BEGIN SOLUTION hint: go t = T−1..0: step t gets dh[:, t] plus step t+1's dhPrev, and step t+1's dcPrev as dc; sum the parameter gradients
  const grads: ReturnType<typeof lstmStepBackward>[] = [];
  let dhNext = mapMatrix(cache.h0, () => 0);
  let dcNext = dhNext;
  for (let t = cache.steps.length - 1; t >= 0; t--) {
    const step = lstmStepBackward(add(timeStep(dh, t), dhNext), dcNext, cache.steps[t]!);
    grads.unshift(step);
    ({ dhPrev: dhNext, dcPrev: dcNext } = step);
  }
  const total = (ms: Matrix[]) => ms.reduce(add);
  return {
    dx: stackTime(grads.map((s) => s.dx)),
    dh0: dhNext,
    dWx: total(grads.map((s) => s.dWx)),
    dWh: total(grads.map((s) => s.dWh)),
    db: sumRows(grads.map((s) => s.db)),
  };
  // END SOLUTION
}
