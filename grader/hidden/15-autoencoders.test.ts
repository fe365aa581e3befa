import { describe } from 'vitest';
import type * as Exercise from '../../exercises/15-autoencoders/autoencoders.ts';
import type { DenseAutoencoderParams } from '../../exercises/15-autoencoders/autoencoders.ts';
import * as ref from '../../reference/15-autoencoders.ts';
import { expectOutputs } from '../runtime/check.ts';
import { ComparisonError, expectClose, GRADIENT_TOLERANCE } from '../runtime/compare.ts';
import type { Alternative } from '../runtime/diagnose.ts';
import { expectRangeError } from '../runtime/expect-error.ts';
import { graded } from '../runtime/graded.ts';
import { loadSubmission } from '../runtime/seam.ts';
import type { Matrix } from '../runtime/shared/types.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('15-autoencoders');
const random = hiddenRandom('15-autoencoders');

/** Pixel intensities in [0, 1). */
const pixels = (rows: number, cols: number): Matrix => random.matrix(rows, cols, 0.5).map((row) => row.map((v) => v + 0.5));
const autoencoder = (D: number, K: number): DenseAutoencoderParams => ({
  encoder: { W: random.matrix(D, K), b: random.vector(K, 0.3) },
  decoder: { W: random.matrix(K, D), b: random.vector(D, 0.3) },
});
const scaled = (m: Matrix, s: number): Matrix => m.map((row) => row.map((v) => v * s));
const entries = (m: Matrix): number => m.length * (m[0]?.length ?? 0);

/** A scalar loss compared with the reference, with the mistakes that explain a wrong one. */
function expectNumber(what: string, got: unknown, want: number, alternatives: Alternative[] = []): void {
  expectClose(what, got, want, undefined, { alternatives });
}

describe('denseAutoencoderForward (hidden)', () => {
  graded('random batch, N=6 D=10 K=4', 1, async () => {
    const [x, p] = [pixels(6, 10), autoencoder(10, 4)];
    expectOutputs('denseAutoencoderForward', await student.denseAutoencoderForward(x, p), ref.denseAutoencoderForward(x, p), undefined, {
      outputs: { recon: { activation: 'sigmoid' } },
    });
  });
  graded('N=1, K=1, and a code that relu sets to 0 (then recon = σ(decoder.b))', 1, async () => {
    const [x, p] = [pixels(1, 5), autoencoder(5, 1)];
    expectOutputs('denseAutoencoderForward(N = K = 1)', await student.denseAutoencoderForward(x, p), ref.denseAutoencoderForward(x, p));
    const negative: DenseAutoencoderParams = { ...p, encoder: { W: p.encoder.W.map((row) => row.map((v) => -Math.abs(v))), b: [-0.1] } };
    expectOutputs('denseAutoencoderForward(all pre-activations < 0)', await student.denseAutoencoderForward(x, negative), {
      code: [[0]],
      recon: [p.decoder.b.map((b) => 1 / (1 + Math.exp(-b)))],
    });
  });
  graded('weights that do not fit x throw a RangeError', 1, async () => {
    const [x, p] = [pixels(2, 4), autoencoder(4, 3)];
    await expectRangeError('denseAutoencoderForward(x with D = 5, encoder.W with 4 rows)', student.denseAutoencoderForward(pixels(2, 5), p));
    await expectRangeError('denseAutoencoderForward(…, decoder.W with K − 1 rows)', student.denseAutoencoderForward(x, { ...p, decoder: { ...p.decoder, W: p.decoder.W.slice(1) } }));
  });
});

describe('mseLoss and bceLoss (hidden)', () => {
  graded('random batches match the reference; mseLoss(x, x) = 0', 1, async () => {
    const [recon, target] = [pixels(5, 7), pixels(5, 7)];
    const sumNotMean: Alternative = { value: ref.mseLoss(recon, target) * entries(recon), diagnosis: 'Looks like the squared errors are summed, not averaged: the loss is the mean over all N·D entries.' };
    expectNumber('mseLoss(…)', await student.mseLoss(recon, target), ref.mseLoss(recon, target), [sumNotMean]);
    expectNumber('bceLoss(…)', await student.bceLoss(recon, target), ref.bceLoss(recon, target));
    expectNumber('mseLoss(x, x)', await student.mseLoss(target, target), 0);
  });
  graded('bceLoss clips: recon of exactly 0 and 1 gives a finite loss, −ln(1e-7) per wrong entry', 1, async () => {
    const [recon, target] = [[[0, 1, 1, 0], [1, 0, 0.5, 1]], [[1, 0, 1, 0], [1, 0, 1, 1]]];
    // float64, from the definition: the float32 reference rounds 1 − 1e-7 (see reference/15-autoencoders.ts).
    const cost = (r: number, t: number) => {
      const p = Math.min(1 - 1e-7, Math.max(1e-7, r));
      return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    };
    const want = recon.flat().reduce((s, r, i) => s + cost(r, target.flat()[i]!), 0) / 8;
    expectNumber('bceLoss(recon with exact 0s and 1s, …)', await student.bceLoss(recon, target), want);
  });
});

describe('addGaussianNoise (hidden)', () => {
  graded('random pixels, std 0.25: the reference’s draws, in row-major order, clipped to [0, 1]', 1, async () => {
    const [x, std, seed] = [pixels(5, 6), 0.25, 1 + random.int(10_000)];
    const z = ref.noiseDraws(5, 6, seed);
    const alternatives: Alternative[] = [
      { value: () => x.map((row, n) => row.map((v, j) => v + std * z[n]![j]!)), diagnosis: 'Looks like the noisy values are not clipped: pixels must stay in [0, 1], clip(x + std·z, 0, 1).' },
      {
        value: () => x.map((row, n) => row.map((v, j) => Math.min(1, Math.max(0, v + std * ref.noiseDraws(x[0]!.length, x.length, seed)[j]![n]!)))),
        diagnosis: 'Looks like the draws are used column by column: draw one normal per entry in row-major order, x[0][0], x[0][1], …, then the next row.',
      },
    ];
    expectClose(`addGaussianNoise(x, ${std}, ${seed})`, await student.addGaussianNoise(x, std, seed), ref.addGaussianNoise(x, std, seed), undefined, { alternatives });
  });
  graded('std = 0 returns x; std = 10 leaves only 0s and 1s; the same seed gives the same noise', 1, async () => {
    const x = pixels(3, 4);
    expectClose('addGaussianNoise(x, 0, 5)', await student.addGaussianNoise(x, 0, 5), x);
    expectClose('addGaussianNoise(x, 10, 6)', await student.addGaussianNoise(x, 10, 6), ref.addGaussianNoise(x, 10, 6));
    const [a, b] = [await student.addGaussianNoise(x, 0.3, 8), await student.addGaussianNoise(x, 0.3, 8)];
    expectClose('a second call with the same seed', b, a, { atol: 0, rtol: 0 });
  });
  graded('a negative std throws a RangeError', 1, () => expectRangeError('addGaussianNoise(x, −0.1, 1)', student.addGaussianNoise(pixels(2, 2), -0.1, 1)));
});

describe('denoisingLoss (hidden)', () => {
  graded('random batch: the reconstruction of the noisy input against the CLEAN input', 2, async () => {
    const [clean, p] = [pixels(5, 8), autoencoder(8, 3)];
    const noisy = ref.addGaussianNoise(clean, 0.3, 77);
    const want = ref.denoisingLoss(p, clean, noisy);
    const alternatives: Alternative[] = [
      { value: () => ref.mseLoss(ref.denseAutoencoderForward(noisy, p).recon, noisy), diagnosis: 'Looks like the loss compares the reconstruction with the noisy input: a denoising autoencoder is trained to give back the CLEAN input.' },
      { value: () => ref.mseLoss(ref.denseAutoencoderForward(clean, p).recon, clean), diagnosis: 'Looks like the autoencoder reads the clean input: it must reconstruct from the noisy one, and be compared with the clean one.' },
    ];
    if (Math.abs(want - (alternatives[0]!.value as () => number)()) < 1e-3) throw new Error('suite bug: the noisy target must give another number');
    expectNumber('denoisingLoss(params, clean, noisy)', await student.denoisingLoss(p, clean, noisy), want, alternatives);
  });
  graded('your own addGaussianNoise fed to your denoisingLoss; noisy = clean gives the plain reconstruction loss', 1, async () => {
    const [clean, p] = [pixels(3, 6), autoencoder(6, 2)];
    const noisy = await student.addGaussianNoise(clean, 0.2, 31);
    expectNumber('denoisingLoss(params, clean, your noisy)', await student.denoisingLoss(p, clean, noisy), ref.denoisingLoss(p, clean, ref.addGaussianNoise(clean, 0.2, 31)));
    expectNumber('denoisingLoss(params, clean, clean)', await student.denoisingLoss(p, clean, clean), ref.mseLoss(ref.denseAutoencoderForward(clean, p).recon, clean));
  });
});

describe('l1SparsityPenalty (hidden)', () => {
  graded('random codes: a sum over the units, a mean over the rows', 1, async () => {
    const code = random.matrix(6, 4);
    const want = ref.l1SparsityPenalty(code, 0.03);
    const alternatives: Alternative[] = [
      { value: want * code.length, diagnosis: 'Looks like the penalty is not averaged over the N rows: λ · (1/N) Σ_n Σ_j |code[n][j]|.' },
      { value: want / code[0]!.length, diagnosis: 'Looks like the penalty is averaged over the units too: sum over the K units, average over the N rows only.' },
    ];
    expectNumber('l1SparsityPenalty(code, 0.03)', await student.l1SparsityPenalty(code, 0.03), want, alternatives);
  });
  graded('lambda = 0 gives 0; a code of one row; your own forward’s code', 1, async () => {
    expectNumber('l1SparsityPenalty(code, 0)', await student.l1SparsityPenalty(random.matrix(3, 3), 0), 0);
    const row = random.matrix(1, 5);
    expectNumber('l1SparsityPenalty(one row, 2)', await student.l1SparsityPenalty(row, 2), ref.l1SparsityPenalty(row, 2));
    const [x, p] = [pixels(4, 6), autoencoder(6, 3)];
    const { code } = await student.denseAutoencoderForward(x, p);
    expectNumber('l1SparsityPenalty(your code, 0.5)', await student.l1SparsityPenalty(code, 0.5), ref.l1SparsityPenalty(ref.denseAutoencoderForward(x, p).code, 0.5));
  });
});

describe('vaeReparameterize (hidden)', () => {
  graded('random mu, logVar, eps: z = mu + exp(logVar / 2) ⊙ eps', 2, async () => {
    const [mu, logVar, eps] = [random.matrix(4, 5), random.matrix(4, 5, 2), random.matrix(4, 5)];
    const alternatives: Alternative[] = [
      {
        value: () => ref.vaeReparameterize(mu, scaled(logVar, 2), eps),
        diagnosis: 'Looks like the noise is scaled by exp(logVar), the variance: scale it by the standard deviation σ = exp(logVar / 2).',
      },
    ];
    expectClose('vaeReparameterize(…)', await student.vaeReparameterize(mu, logVar, eps), ref.vaeReparameterize(mu, logVar, eps), undefined, { alternatives });
  });
  graded('eps = 0 gives mu; logVar + 2·ln 2 doubles the noise term', 1, async () => {
    const [mu, logVar, eps] = [random.matrix(3, 2), random.matrix(3, 2), random.matrix(3, 2)];
    expectClose('vaeReparameterize(mu, logVar, 0)', await student.vaeReparameterize(mu, logVar, scaled(eps, 0)), mu);
    const z = await student.vaeReparameterize(mu, logVar, eps);
    const doubled = await student.vaeReparameterize(mu, logVar.map((row) => row.map((v) => v + 2 * Math.LN2)), eps);
    expectClose('z with logVar + 2·ln 2, minus mu', doubled.map((row, n) => row.map((v, j) => v - mu[n]![j]!)), z.map((row, n) => row.map((v, j) => 2 * (v - mu[n]![j]!))));
  });
  graded('∂z/∂logVar (central differences of your function) equals tf.grads: ½ exp(logVar / 2) ⊙ eps', 1, async () => {
    const [mu, logVar, eps, upstream] = [random.matrix(2, 3), random.matrix(2, 3), random.matrix(2, 3), random.matrix(2, 3)];
    const h = 1e-5;
    const numeric: Matrix = [];
    for (const [n, row] of logVar.entries()) {
      numeric.push([]);
      for (const j of row.keys()) {
        const shifted = async (d: number) => {
          const z = await student.vaeReparameterize(mu, logVar.map((r, a) => r.map((v, b) => (a === n && b === j ? v + d : v))), eps);
          return z.reduce((s, r, a) => s + r.reduce((t, v, b) => t + v * upstream[a]![b]!, 0), 0);
        };
        numeric[n]!.push(((await shifted(h)) - (await shifted(-h))) / (2 * h));
      }
    }
    expectClose('∂(Σ upstream ⊙ z)/∂logVar', numeric, ref.vaeReparameterizeGradients(mu, logVar, eps, upstream).dLogVar, GRADIENT_TOLERANCE);
  });
});

describe('vaeKl (hidden)', () => {
  graded('random mu and logVar: mean over the rows of −½ Σ (1 + logVar − mu² − exp(logVar))', 2, async () => {
    const [mu, logVar] = [random.matrix(5, 3, 1.5), random.matrix(5, 3, 1.5)];
    const want = ref.vaeKl(mu, logVar);
    const alternatives: Alternative[] = [
      { value: -want, diagnosis: 'Looks like the sign is flipped: KL = −½ Σ (1 + logVar − mu² − exp(logVar)) is never negative.' },
      { value: 2 * want, diagnosis: 'Looks like the ½ is missing: KL = −½ Σ_j (1 + logVar − mu² − exp(logVar)).' },
      { value: want * mu.length, diagnosis: 'Looks like the KL is summed over the rows: take the mean over the N rows (sum over the K units).' },
      { value: want / mu[0]!.length, diagnosis: 'Looks like the KL is averaged over the units too: sum over the K units, mean over the N rows.' },
    ];
    expectNumber('vaeKl(mu, logVar)', await student.vaeKl(mu, logVar), want, alternatives);
  });
  graded('vaeKl(0, 0) = 0 (the posterior is the prior) and KL > 0 elsewhere', 1, async () => {
    const zeros = [[0, 0, 0], [0, 0, 0]];
    expectNumber('vaeKl(0, 0)', await student.vaeKl(zeros, zeros), 0);
    for (let trial = 0; trial < 3; trial++) {
      const kl = await student.vaeKl(random.matrix(2, 3), random.matrix(2, 3));
      if (!(kl > 0)) throw new ComparisonError(`vaeKl(random mu, random logVar) = ${kl}: a KL divergence is positive unless mu = 0 and logVar = 0`);
    }
  });
});

describe('shape checks (hidden)', () => {
  graded('mismatched shapes throw a RangeError (losses, reparameterisation, KL)', 1, async () => {
    const [a, b] = [random.matrix(3, 4), random.matrix(3, 4)];
    const fewerRows = a.slice(1);
    const fewerColumns = a.map((row) => row.slice(1));
    await expectRangeError('mseLoss(recon [3][4], target [2][4])', student.mseLoss(b, fewerRows));
    await expectRangeError('bceLoss(recon [3][4], target [3][3])', student.bceLoss(scaled(b, 0), fewerColumns));
    await expectRangeError('vaeReparameterize(mu [3][4], logVar [3][4], eps [3][3])', student.vaeReparameterize(a, b, fewerColumns));
    await expectRangeError('vaeKl(mu [3][4], logVar [2][4])', student.vaeKl(a, fewerRows));
  });
});
