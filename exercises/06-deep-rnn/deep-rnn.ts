/**
 * Exercise 06 — deep recurrent networks: stacking layers, and reading the sequence in both directions.
 *
 *   h⁽⁰⁾_t = x_t,   h⁽ˡ⁾_t = tanh(h⁽ˡ⁻¹⁾_t · Wx⁽ˡ⁾ + h⁽ˡ⁾_{t−1} · Wh⁽ˡ⁾ + b⁽ˡ⁾)     (stacked, l = 1..L)
 *   →h_t = tanh(x_t · Wx_f + →h_{t−1} · Wh_f + b_f)                                  (forward, left to right)
 *   ←h_t = tanh(x_t · Wx_b + ←h_{t+1} · Wh_b + b_b)                                  (backward, right to left)
 *   h_t  = merge(→h_t, ←h_t)                                                        (concat, sum, mul or ave)
 *
 * Both functions use your rnnForward from exercise 01 for every layer and direction.
 * Read README.md in this folder first; `npm run test:exercises -- 06` checks your work.
 */
import { rnnForward } from '../01-rnn-forward/rnn-forward.ts';
import type { Matrix, RnnLayerParams, Tensor3 } from '../shared/types.ts';

/** How `bidirectionalRnnForward` combines the two directions at each step (the names of tf.layers.bidirectional). */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

/**
 * A stack of vanilla RNN layers: layer l reads the whole hidden sequence of layer l − 1 (layer 0 reads x).
 * x: [N][T][D], layers[l] = {Wx: [H_{l−1}][H_l], Wh: [H_l][H_l], b: [H_l]} (H_{−1} = D), h0s[l]: [N][H_l]
 * → h: [N][T][H_last], the top layer's states at every step, and hLast[l]: [N][H_l], layer l's final state.
 */
export function stackedRnnForward(x: Tensor3, layers: RnnLayerParams[], h0s: Matrix[]): { h: Tensor3; hLast: Matrix[] } {
  throw new Error("TODO: implement stackedRnnForward. Hint: loop over the layers, feeding each layer's h sequence (from rnnForward) to the next as its x; hLast[l] is its last time step");
}

/**
 * A bidirectional RNN layer, both directions from zero initial states.
 * x: [N][T][D], fwd and bwd = {Wx: [D][H], Wh: [H][H], b: [H]} → h: [N][T][2H] for 'concat' (forward units
 * first), [N][T][H] for 'sum', 'mul' and 'ave'; h[:, t] merges both directions' states at step t.
 * Throws a RangeError for any other merge mode.
 */
export function bidirectionalRnnForward(x: Tensor3, fwd: RnnLayerParams, bwd: RnnLayerParams, merge: MergeMode): Tensor3 {
  throw new Error("TODO: implement bidirectionalRnnForward. Hint: run rnnForward on x and on x with its time axis reversed, reverse the backward outputs back, then merge step by step");
}
