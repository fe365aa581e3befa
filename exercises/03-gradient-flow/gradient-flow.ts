/**
 * Exercise 03 — why gradients vanish or explode in a vanilla RNN, and why the LSTM's cell state does not.
 *
 *   ∂h_t/∂h_{t−1} = diag(1 − h_t²) · Whᵀ           (h_t = tanh(h_{t−1}·Wh + x_t·Wx + b), row vectors)
 *   ∂h_T/∂h_k     = ∏_{t = T..k+1} ∂h_t/∂h_{t−1}   (a product of T − k Jacobians)
 *   ∂c_T/∂c_k     = diag(f_{k+1} ⊙ … ⊙ f_T)        (the LSTM cell path: c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t)
 *
 * Both functions work on a single sequence (batch of one) and report Frobenius norms for k = 0..T.
 * Read README.md in this folder first; `npm run test:exercises -- 03` checks your work.
 */
import { rnnForward } from '../01-rnn-forward/rnn-forward.ts';
import { mapMatrix, matmul, transpose, zeros } from '../shared/linalg.ts';
import type { Matrix, Tensor3, Vector } from '../shared/types.ts';

/**
 * How strongly the last hidden state depends on each earlier one.
 * x: [1][T][D], h0: [1][H], Wx: [D][H], Wh: [H][H], b: [H] → [T+1]: entry k = ‖∂h_T/∂h_k‖_F, k = 0..T
 * (entry T is ‖I‖_F = √H). Uses your rnnForward from exercise 01 for the states h_1..h_T.
 */
export function rnnJacobianNorms(x: Tensor3, h0: Matrix, Wx: Matrix, Wh: Matrix, b: Vector): number[] {
  throw new Error("TODO: implement rnnJacobianNorms. Hint: start from J = I (∂h_T/∂h_T) and walk k = T−1 down to 0 with J ← J · diag(1 − h_{k+1}²) · Whᵀ, recording ‖J‖_F");
}

/**
 * The gain of the LSTM's cell path, where gradients flow through the forget gates only.
 * forgetGates: [T][H], values in [0, 1], forgetGates[j − 1] = f_j → [T+1]: entry k = ‖diag(f_{k+1} ⊙ … ⊙ f_T)‖_F
 * (entry T is √H). Throws a RangeError when a gate value lies outside [0, 1].
 */
export function lstmCellPathGains(forgetGates: Matrix): number[] {
  throw new Error("TODO: implement lstmCellPathGains. Hint: check every value first; entry k multiplies rows k..T−1 of forgetGates element-wise, then takes the vector norm");
}

/** ‖m‖_F = √(Σ m_ij²). */
function frobenius(m: Matrix): number {
  return Math.hypot(...m.flat());
}
