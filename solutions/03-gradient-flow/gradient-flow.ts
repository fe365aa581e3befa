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
  // BEGIN SOLUTION hint: start from J = I (∂h_T/∂h_T) and walk k = T−1 down to 0 with J ← J · diag(1 − h_{k+1}²) · Whᵀ, recording ‖J‖_F
  const states = [h0[0]!, ...rnnForward(x, h0, Wx, Wh, b).h[0]!]; // h_0..h_T, each [H]
  const T = states.length - 1;
  const WhT = transpose(Wh); // h_t[i] depends on h_{t−1}[j] through Wh[j][i]: row i of the Jacobian is column i of Wh
  let jacobian = mapMatrix(zeros(Wh.length, Wh.length), (_, i, j) => (i === j ? 1 : 0)); // ∂h_T/∂h_T = I
  const norms = [frobenius(jacobian)];
  for (let k = T - 1; k >= 0; k--) {
    // ∂h_{k+1}/∂h_k: row i of Whᵀ scaled by tanh'(a_{k+1}[i]) = 1 − h_{k+1}[i]²
    const step = mapMatrix(WhT, (v, i) => v * (1 - states[k + 1]![i]! ** 2));
    jacobian = matmul(jacobian, step);
    norms.unshift(frobenius(jacobian));
  }
  return norms;
  // END SOLUTION
}

/**
 * The gain of the LSTM's cell path, where gradients flow through the forget gates only.
 * forgetGates: [T][H], values in [0, 1], forgetGates[j − 1] = f_j → [T+1]: entry k = ‖diag(f_{k+1} ⊙ … ⊙ f_T)‖_F
 * (entry T is √H). Throws a RangeError when a gate value lies outside [0, 1].
 */
export function lstmCellPathGains(forgetGates: Matrix): number[] {
  // BEGIN SOLUTION hint: check every value first; entry k multiplies rows k..T−1 of forgetGates element-wise, then takes the vector norm
  forgetGates.forEach((row, t) =>
    row.forEach((f, h) => {
      if (!(f >= 0 && f <= 1)) throw new RangeError(`forgetGates[${t}][${h}] = ${f} is not a gate value in [0, 1]`);
    }),
  );
  const H = forgetGates[0]?.length ?? 0;
  return Array.from({ length: forgetGates.length + 1 }, (_, k) => {
    // forgetGates[j − 1] holds f_j, so the gates applied after step k are rows k..T−1.
    const path = forgetGates.slice(k).reduce((p, f) => p.map((v, h) => v * f[h]!), new Array<number>(H).fill(1));
    return Math.hypot(...path); // the Frobenius norm of a diagonal matrix is the norm of its diagonal
  });
  // END SOLUTION
}

/** ‖m‖_F = √(Σ m_ij²). */
function frobenius(m: Matrix): number {
  return Math.hypot(...m.flat());
}
