/**
 * Exercise 02 — backpropagation through time (BPTT), the sequence loss and gradient clipping.
 *
 *   h_t = tanh(a_t),  a_t = x_t · Wx + h_{t−1} · Wh + b          (the forward pass of exercise 01)
 *   δ_t = ∂L/∂h_t ⊙ (1 − h_t²)                                  (the gradient of the pre-activation a_t)
 *   ∂L/∂h_t = dh_t (from the output at step t) + δ_{t+1} · Whᵀ   (plus the gradient carried back from t+1)
 *
 * Steps are 0-indexed, t = 0..T−1, and h_{−1} = h0. Read README.md in this folder first;
 * `npm run test:exercises -- 02` checks your work.
 */
import { add, flattenNested, mapMatrix, mapNested, matmul, stackTime, sumRows, timeStep, transpose, zeros, zipMatrix } from '../shared/linalg.ts';
import type {
  GradientRecord,
  Matrix,
  ParamGrads,
  RnnCache,
  RnnGrads,
  RnnStepCache,
  RnnStepGrads,
  SoftmaxLossResult,
  Tensor3,
  Vector,
} from '../shared/types.ts';

/**
 * Backward of one step, h = tanh(x·Wx + hPrev·Wh + b).
 * dh: [N][H] (∂L/∂h of this step's output), cache from rnnStepForward →
 * dx: [N][D], dhPrev: [N][H], dWx: [D][H], dWh: [H][H], db: [H].
 */
export function rnnStepBackward(dh: Matrix, cache: RnnStepCache): RnnStepGrads {
  throw new Error("TODO: implement rnnStepBackward. Hint: da = dh ⊙ (1 − h²) (tanh' from the cached h); then dx = da·Wxᵀ, dhPrev = da·Whᵀ, dWx = xᵀ·da, dWh = hPrevᵀ·da, db = Σ_rows da");
}

/** The cache of step t, sliced out of the sequence cache: x_t, h_{t−1} (h0 at t = 0), Wx, Wh, h_t. */
function stepCache(cache: RnnCache, t: number): RnnStepCache {
  throw new Error("TODO: implement stepCache. Hint: timeStep(cache.x, t) and timeStep(cache.h, t); hPrev is cache.h0 when t = 0, else timeStep(cache.h, t − 1)");
}

/** Given: zero gradients for the shared weights of `cache`. */
function zeroParamGrads(cache: RnnCache): ParamGrads {
  const [D, H] = [cache.Wx.length, cache.Wh.length];
  return { dWx: zeros(D, H), dWh: zeros(H, H), db: new Array<number>(H).fill(0) };
}

/** Given: total + one step's weight gradients (every step uses the same weights, so their gradients add up). */
function addParamGrads(total: ParamGrads, step: ParamGrads): ParamGrads {
  return { dWx: add(total.dWx, step.dWx), dWh: add(total.dWh, step.dWh), db: total.db.map((v, j) => v + step.db[j]!) };
}

/**
 * BPTT over the whole sequence.
 * dh: [N][T][H] (the upstream gradient of every h_t, e.g. from the output layer), cache from rnnForward →
 * dx: [N][T][D], dh0: [N][H], dWx: [D][H], dWh: [H][H], db: [H].
 */
export function rnnBackward(dh: Tensor3, cache: RnnCache): RnnGrads {
  throw new Error("TODO: implement rnnBackward. Hint: go t = T−1 down to 0; the upstream of step t is dh[:, t] + the dhPrev carried back from step t+1 (zeros at t = T−1); add up the weight gradients");
}

/** log softmax of one row, computed stably: row − max − log Σ exp(row − max). */
function logSoftmax(row: Vector): Vector {
  throw new Error("TODO: implement logSoftmax. Hint: subtract the row's max before exp so that no exp overflows");
}

/**
 * Softmax cross-entropy at every time step, summed over time and averaged over the N sequences:
 *   loss = −(1/N) Σ_n Σ_t mask[n][t] · log softmax(logits[n][t])[y[n][t]]
 * logits: [N][T][V], y: [N][T] (integer class ids), mask: [N][T] (1 = counts, 0 = padding) →
 * loss and dLogits: [N][T][V].
 */
export function temporalSoftmaxLoss(logits: Tensor3, y: Matrix, mask: Matrix): SoftmaxLossResult {
  throw new Error("TODO: implement temporalSoftmaxLoss. Hint: per row p = softmax(row); loss −= mask·log p[y] / N and dLogits = mask·(p − onehot(y)) / N");
}

/** Given: applies f to every number of every gradient, into a new record with the same keys and shapes. */
function mapGradients<G extends GradientRecord>(grads: G, f: (v: number) => number): G {
  return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, mapNested(g, f)])) as G;
}

/**
 * Clips every entry of every gradient to [−limit, limit]. Returns a new record; `grads` is unchanged.
 * limit must be a finite number > 0 (RangeError otherwise).
 */
export function clipElementwise<G extends GradientRecord>(grads: G, limit: number): G {
  throw new Error("TODO: implement clipElementwise. Hint: throw a RangeError unless Number.isFinite(limit) && limit > 0; then mapGradients with Math.min(limit, Math.max(−limit, v))");
}

/**
 * Rescales all gradients together when their global L2 norm ‖g‖ = sqrt(Σ over every entry of every gradient of v²)
 * exceeds maxNorm: g ← g · maxNorm / ‖g‖ (the direction is kept). Otherwise returns an equal copy.
 * maxNorm must be > 0 (RangeError otherwise).
 */
export function clipGlobalNorm<G extends GradientRecord>(grads: G, maxNorm: number): G {
  throw new Error("TODO: implement clipGlobalNorm. Hint: throw a RangeError unless maxNorm > 0; norm = sqrt of the sum of squares of flattenNested(g) over all g; scale = maxNorm / norm when norm > maxNorm, else 1");
}

/**
 * Truncated BPTT with window k: the gradient injected at step t (dh[:, t]) flows back through steps
 * t, t−1, …, max(0, t−k+1) only — k steps, its own step included — and reaches h0 only when t ≤ k−1.
 * With k ≥ T this is exactly rnnBackward. Shapes as in rnnBackward; k must be an integer ≥ 1 (RangeError otherwise).
 */
export function rnnBackwardTruncated(dh: Tensor3, cache: RnnCache, k: number): RnnGrads {
  throw new Error("TODO: implement rnnBackwardTruncated. Hint: for each t, backpropagate dh[:, t] alone through steps t down to max(0, t−k+1) with rnnStepBackward and add up dx, the weight gradients and (when the window starts at 0) dh0");
}
