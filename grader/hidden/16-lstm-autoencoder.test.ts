import { describe } from 'vitest';
import type * as Exercise from '../../exercises/16-lstm-autoencoder/lstm-autoencoder.ts';
import type { LstmAutoencoderParams } from '../../exercises/16-lstm-autoencoder/lstm-autoencoder.ts';
import type { Matrix, Tensor3 } from '../runtime/shared/types.ts';
import * as ref from '../../reference/16-lstm-autoencoder.ts';
import { lstmForward } from '../../reference/04-lstm.ts';
import { expectOutputs } from '../runtime/check.ts';
import { expectClose } from '../runtime/compare.ts';
import type { Alternative, DiagnosisContext } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { sequenceContext } from '../runtime/mistakes/shared.ts';
import { loadSubmission } from '../runtime/seam.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';
import { zeros } from '../runtime/shared/linalg.ts';

const student = loadSubmission<typeof Exercise>('16-lstm-autoencoder');
const random = hiddenRandom('16-lstm-autoencoder');

const lstmWeights = (inputs: number, units: number, scale = 0.7) => ({
  Wx: random.matrix(inputs, 4 * units, scale),
  Wh: random.matrix(units, 4 * units, scale),
  b: random.vector(4 * units, 0.3),
});
const params = (D: number, H: number, Hd: number, scale = 0.7): LstmAutoencoderParams => ({
  encoder: lstmWeights(D, H, scale),
  decoder: lstmWeights(H, Hd, scale),
  Wy: random.matrix(Hd, D),
  by: random.vector(D),
});
const reverseTime = (s: Tensor3): Tensor3 => s.map((seq) => [...seq].reverse());
/** The output layer on a decoder sequence [N][T][Hd]. */
const outputLayer = (h: Tensor3, { Wy, by }: LstmAutoencoderParams): Tensor3 =>
  h.map((seq) => seq.map((ht) => by.map((b, d) => ht.reduce((s, v, k) => s + v * Wy[k]![d]!, b))));

/** The classic mistakes of the pipeline, computed by the reference only when a comparison failed. */
function mistakes(x: Tensor3, p: LstmAutoencoderParams, expected: { code: Matrix; recon: Tensor3 }): DiagnosisContext {
  const [N, T, D] = [x.length, x[0]!.length, x[0]![0]!.length];
  const [H, Hd] = [p.encoder.Wh.length, p.decoder.Wh.length];
  const decode = (input: Tensor3, h0: Matrix) => outputLayer(lstmForward(input, h0, p.decoder.Wx, p.decoder.Wh, p.decoder.b).h, p);
  const repeated = expected.code.map((c) => Array.from({ length: T }, () => c));
  const alternatives: Alternative[] = [
    {
      value: () => ({ code: ref.lstmAutoencoderForward(x.map((seq) => seq.slice(0, 1)), p).code }),
      diagnosis: 'Looks like the code is the encoder’s state after the FIRST step: it is the final hidden state h_T, after reading the whole sequence.',
    },
    {
      value: () => ({ recon: reverseTime(expected.recon) }),
      diagnosis: 'Looks like the reconstruction is reversed in time: recon[n][t] rebuilds x[n][t], in the input’s order.',
    },
  ];
  if (H === D) {
    alternatives.push({
      value: () => ({ recon: decode(x, zeros(N, Hd)) }),
      diagnosis: 'Looks like the decoder reads the input x: it must read the code, repeated at each of the T steps (only the code may pass the bottleneck).',
    });
  }
  if (H === Hd) {
    alternatives.push({
      value: () => ({ recon: decode(repeated, expected.code) }),
      diagnosis: 'Looks like the decoder starts from the code as its initial state: in this course it starts from zeros and reads the code as its input at every step.',
    });
  }
  return { alternatives, outputs: { recon: { ...sequenceContext, axisNames: ['N', 'T', 'D'] } } };
}

async function expectAutoencoder(x: Tensor3, p: LstmAutoencoderParams): Promise<void> {
  const expected = ref.lstmAutoencoderForward(x, p);
  expectOutputs('lstmAutoencoderForward', await student.lstmAutoencoderForward(x, p), expected, undefined, mistakes(x, p, expected));
}

describe('lstmAutoencoderForward (hidden)', () => {
  graded('random batch, N=3 T=6 D=3 H=Hd=4', 2, () => expectAutoencoder(random.tensor3(3, 6, 3), params(3, 4, 4)));
  graded('random batch with three different sizes, N=2 T=5 D=4 H=2 Hd=3', 2, () => expectAutoencoder(random.tensor3(2, 5, 4), params(4, 2, 3)));
  graded('a single step (T = 1) and a single sequence (N = 1)', 1, async () => {
    await expectAutoencoder(random.tensor3(2, 1, 3), params(3, 2, 2));
    await expectAutoencoder(random.tensor3(1, 4, 2), params(2, 3, 2));
  });
  graded('D = H = Hd: the decoder reads the code, not x', 1, () => expectAutoencoder(random.tensor3(2, 4, 3), params(3, 3, 3)));
  graded('the code is the last hidden state of exercise 04’s LSTM on x, from zeros', 1, async () => {
    const [x, p] = [random.tensor3(3, 5, 2), params(2, 3, 2)];
    const h = lstmForward(x, zeros(3, 3), p.encoder.Wx, p.encoder.Wh, p.encoder.b).h;
    const { code } = await student.lstmAutoencoderForward(x, p);
    expectClose('lstmAutoencoderForward(…).code', code, h.map((seq) => seq[seq.length - 1]!));
  });
  graded('a decoder with all weights 0 stays at h = 0: recon = by at every step', 1, async () => {
    const [x, p] = [random.tensor3(2, 3, 2), params(2, 3, 2)];
    const zero = { Wx: zeros(3, 8), Wh: zeros(2, 8), b: new Array<number>(8).fill(0) };
    const { recon } = await student.lstmAutoencoderForward(x, { ...p, decoder: zero });
    expectClose('lstmAutoencoderForward(…, zero decoder).recon', recon, x.map((seq) => seq.map(() => p.by)));
  });
  graded('a long sequence (T = 12) with large weights (saturating gates)', 1, () => expectAutoencoder(random.tensor3(2, 12, 2), params(2, 3, 3, 2)));
  graded('weights that do not fit throw a RangeError', 1, async () => {
    const p = params(2, 3, 4);
    const x = random.tensor3(1, 3, 2);
    await expectRangeError('lstmAutoencoderForward(x with D = 3, encoder.Wx with 2 rows)', student.lstmAutoencoderForward(random.tensor3(1, 3, 3), p));
    await expectRangeError('lstmAutoencoderForward(…, decoder.Wx with 2 rows for H = 3)', student.lstmAutoencoderForward(x, { ...p, decoder: lstmWeights(2, 4) }));
    await expectRangeError('lstmAutoencoderForward(…, Wy with 3 rows for Hd = 4)', student.lstmAutoencoderForward(x, { ...p, Wy: p.Wy.slice(1) }));
  });
});
