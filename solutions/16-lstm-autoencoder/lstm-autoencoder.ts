/**
 * Exercise 16 — an LSTM autoencoder for sequences (Srivastava et al., 2015): read the whole sequence into one
 * vector, then unroll that vector back into the sequence.
 *
 *   h^enc_t = LSTM_enc(x_t, h^enc_{t−1}),  code = h^enc_T             (the encoder's final state: [N][H])
 *   h^dec_t = LSTM_dec(code, h^dec_{t−1})   for t = 1..T, from zeros  (the code is the input at every step)
 *   recon_t = h^dec_t · Wy + by                                       (one dense layer, the same at every step)
 *
 * Both LSTMs are your lstmForward from exercise 04 (gates packed i, f, g, o).
 * Read README.md in this folder first; `npm run test:exercises -- 16` checks your work.
 */
import { lstmForward } from '../04-lstm/lstm.ts';
import { addRow, matmul, zeros } from '../shared/linalg.ts';
import type { Matrix, Tensor3, Vector } from '../shared/types.ts';

/** The weights of one LSTM layer, gates packed i, f, g, o: `lstmForward`'s Wx, Wh, b. */
export interface LstmLayerParams {
  /** Wx: [inputs][4·units] */
  Wx: Matrix;
  /** Wh: [units][4·units] */
  Wh: Matrix;
  /** b: [4·units] */
  b: Vector;
}

/** An LSTM autoencoder for sequences of D features, a code of H units, a decoder of Hd units. */
export interface LstmAutoencoderParams {
  /** encoder: Wx [D][4H], Wh [H][4H], b [4H] */
  encoder: LstmLayerParams;
  /** decoder: Wx [H][4Hd], Wh [Hd][4Hd], b [4Hd]: it reads the code */
  decoder: LstmLayerParams;
  /** Wy: [Hd][D], the output layer applied to every decoder state */
  Wy: Matrix;
  /** by: [D] */
  by: Vector;
}

/**
 * x: [N][T][D] → code: [N][H], the encoder's final hidden state, and recon: [N][T][D].
 * Both LSTMs start from zero states. Throws a RangeError when the weights do not fit x or each other.
 */
export function lstmAutoencoderForward(x: Tensor3, { encoder, decoder, Wy, by }: LstmAutoencoderParams): { code: Matrix; recon: Tensor3 } {
  // BEGIN SOLUTION hint: encode with lstmForward from zeros and keep the last step's h; feed that code to a second lstmForward at each of the T steps; then h · Wy + by at every step
  const [N, T, D] = [x.length, x[0]?.length ?? 0, x[0]?.[0]?.length ?? 0];
  const [H, Hd] = [encoder.Wh.length, decoder.Wh.length];
  if (encoder.Wx.length !== D) throw new RangeError(`encoder.Wx must have D = ${D} rows (one per input feature), got ${encoder.Wx.length}`);
  if (decoder.Wx.length !== H) throw new RangeError(`decoder.Wx must have H = ${H} rows (it reads the code), got ${decoder.Wx.length}`);
  if (Wy.length !== Hd || by.length !== D) throw new RangeError(`Wy must be [Hd][D] = [${Hd}][${D}] and by [D], got [${Wy.length}][${Wy[0]?.length ?? 0}] and [${by.length}]`);
  const encoded = lstmForward(x, zeros(N, H), encoder.Wx, encoder.Wh, encoder.b).h;
  const code = encoded.map((seq) => seq[T - 1]!);
  const repeated = code.map((c) => Array.from({ length: T }, () => c));
  const decoded = lstmForward(repeated, zeros(N, Hd), decoder.Wx, decoder.Wh, decoder.b).h;
  const recon = decoded.map((seq) => addRow(matmul(seq, Wy), by));
  return { code, recon };
  // END SOLUTION
}
