import { describe } from 'vitest';
import type * as Exercise from '../../exercises/12-layernorm/layernorm.ts';
import * as ref from '../../reference/12-layernorm.ts';
import { expectOutputs } from '../runtime/check.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../runtime/compare.ts';
import type { DiagnosisContext } from '../runtime/diagnose.ts';
import { graded } from '../runtime/graded.ts';
import { loadSubmission } from '../runtime/seam.ts';
import type { Matrix, Vector } from '../runtime/shared/types.ts';
import { hiddenRandom } from './seed.ts';
import './setup.ts';

const student = loadSubmission<typeof Exercise>('12-layernorm');
const random = hiddenRandom('12-layernorm');

type Args = [x: Matrix, gamma: Vector, beta: Vector, eps?: number];

/** A batch x [N][D] with entries in [−scale, scale), and random γ, β. */
const args = (N: number, D: number, scale = 2): Args => [random.matrix(N, D, scale), random.vector(D, 1.5), random.vector(D)];
/** out − β is the normalized part: lets the diagnoser recognize the unbiased variance. */
const lnContext = (beta: Vector): DiagnosisContext => ({ outputs: { out: { layerNorm: { beta } } } });
const columns = (m: Matrix): Matrix => m[0]!.map((_, j) => m.map((row) => row[j]!));
const mean = (v: Vector): number => v.reduce((s, a) => s + a, 0) / v.length;
const variance = (v: Vector): number => mean(v.map((a) => (a - mean(v)) ** 2));

async function expectLayerNorm(a: Args): Promise<void> {
  const { out } = await student.layerNormForward(...a);
  expectOutputs('layerNormForward', { out }, ref.layerNormForward(...a), undefined, lnContext(a[2]));
}

async function expectBackward(a: Args, dout: Matrix): Promise<void> {
  const cache = ref.layerNormCache(...a);
  expectOutputs('layerNormBackward', await student.layerNormBackward(dout, cache), ref.layerNormBackward(dout, cache), GRADIENT_TOLERANCE);
}

describe('layerNormForward (hidden)', () => {
  graded('random batch, N=5 D=7', 2, () => expectLayerNorm(args(5, 7)));
  graded('a single row (N=1) and D=2', 1, async () => {
    await expectLayerNorm(args(1, 6));
    await expectLayerNorm(args(3, 2));
  });
  graded('constant rows (variance 0) and D=1 give out = beta', 1, async () => {
    const [x, gamma, beta] = args(3, 5);
    const constant = x.map((row) => row.map(() => row[0]!));
    expectClose('layerNormForward(constant rows).out', (await student.layerNormForward(constant, gamma, beta)).out, [beta, beta, beta]);
    const [x1, g1, b1] = args(4, 1);
    expectClose('layerNormForward(x with D = 1).out', (await student.layerNormForward(x1, g1, b1)).out, x1.map(() => b1));
  });
  graded('eps sits inside the square root: rows of tiny variance (scale 1e-3)', 1, () => expectLayerNorm(args(4, 6, 1e-3)));
  graded('uses the eps it is given (eps = 0.5)', 1, () => expectLayerNorm([...args(3, 4, 1)].slice(0, 3).concat(0.5) as Args));
  graded('γ = 1, β = 0: every row has mean 0 and variance ≈ 1', 1, async () => {
    const [N, D] = [4, 9];
    const x = random.matrix(N, D, 5);
    const { out } = await student.layerNormForward(x, new Array(D).fill(1), new Array(D).fill(0));
    expectClose('the mean of each row of out', out.map(mean), new Array(N).fill(0), { atol: 1e-9 });
    expectClose('the variance of each row of out', out.map(variance), x.map((row) => variance(row) / (variance(row) + 1e-5)), { atol: 1e-9 });
  });
});

describe('layerNormBackward (hidden)', () => {
  graded('random batch, N=4 D=6', 2, () => expectBackward(args(4, 6), random.matrix(4, 6)));
  graded('a single row (N=1), D=2, and eps = 0.1', 1, async () => {
    await expectBackward(args(1, 5), random.matrix(1, 5));
    await expectBackward(args(3, 2), random.matrix(3, 2));
    const [x, gamma, beta] = args(3, 4, 0.3);
    await expectBackward([x, gamma, beta, 0.1], random.matrix(3, 4));
  });
  graded('dx of every row sums to zero (shifting a row does not change its output)', 1, async () => {
    const a = args(3, 5);
    const { dx } = await student.layerNormBackward(random.matrix(3, 5), ref.layerNormCache(...a));
    expectClose('Σ_j dx[n][j]', dx.map((row) => row.reduce((s, v) => s + v, 0)), [0, 0, 0], { atol: 1e-6 }); // the cache's x̂ is float32
  });
  graded('works on the cache of the student’s own forward', 1, async () => {
    const a = args(3, 4);
    const dout = random.matrix(3, 4);
    const { cache } = await student.layerNormForward(...a);
    expectOutputs('layerNormBackward(dout, your cache)', await student.layerNormBackward(dout, cache), ref.layerNormBackward(dout, ref.layerNormCache(...a)), GRADIENT_TOLERANCE);
  });
});

describe('batchNormForward (hidden)', () => {
  graded('random batch, N=6 D=4 (statistics per column)', 2, async () => {
    const a = args(6, 4);
    expectClose('batchNormForward(…)', await student.batchNormForward(...a), ref.batchNormForward(...a));
  });
  graded('N=1: each column has variance 0, so out = beta', 1, async () => {
    const [x, gamma, beta] = args(1, 5);
    expectClose('batchNormForward(x with N = 1)', await student.batchNormForward(x, gamma, beta), [beta]);
  });
  graded('γ = 1, β = 0: every column has mean 0 and variance ≈ 1; eps is used', 1, async () => {
    const [N, D] = [7, 3];
    const x = random.matrix(N, D, 4);
    const out = await student.batchNormForward(x, new Array(D).fill(1), new Array(D).fill(0));
    expectClose('the mean of each column of out', columns(out).map(mean), new Array(D).fill(0), { atol: 1e-9 });
    const expected = columns(x).map((c) => variance(c) / (variance(c) + 1e-5));
    expectClose('the variance of each column of out', columns(out).map(variance), expected, { atol: 1e-9 });
    const small = args(4, 3, 0.01);
    expectClose('batchNormForward(…, eps = 1e-3)', await student.batchNormForward(small[0], small[1], small[2], 1e-3), ref.batchNormForward(small[0], small[1], small[2], 1e-3));
  });
});
