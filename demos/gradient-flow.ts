/**
 * Demo (exercise 03): how strongly h_T still depends on h_k, k steps back, in a vanilla tanh RNN and along
 * an LSTM's cell state — on seeded random weights, nothing trained.
 *
 *   RNN:  ∂h_T/∂h_k = ∏_{t = T..k+1} diag(1 − h_t²) · Whᵀ     (its norm is at most ∝ ρ^(T−k): ‖Wh‖ = ρ, tanh' ≤ 1)
 *   LSTM: ∂c_T/∂c_k ≈ diag(f_{k+1} ⊙ … ⊙ f_T)                 (the cell path: gated by the forget gates only)
 *
 * Recurrent weights are ρ · (a random orthogonal matrix), so ρ is both their spectral radius and their norm.
 * ρ < 1 vanishes geometrically; ρ > 1 grows only while the units are not saturated (1 − h² pulls it back).
 * Every Jacobian norm comes from tfjs autodiff (`tf.grads`), row by row: the recurrence runs on a batch of H
 * copies, copy i reads out unit i of s_T, and a zero perturbation δ_k added to each s_k makes ∂(Σ_i s_T^(i)[i])/∂δ_k
 * the Jacobian ∂s_T/∂s_k (row i from copy i) — one backward pass gives every k.
 * `--student` draws the same curves with your rnnJacobianNorms and lstmCellPathGains on the same weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Demo, DemoOptions, DemoResult } from './demo.ts';
import { largestDifference } from './lib/metrics.ts';
import { lineChart, writePlot } from './lib/plot.ts';
import { trainingProgress } from './lib/progress.ts';
import { loadStudentExercise, studentVerdict } from './lib/student.ts';

type Student = typeof import('../exercises/03-gradient-flow/gradient-flow.ts');

/** H hidden units, D inputs, T steps. */
const SIZES = { full: { H: 32, D: 8, T: 40 }, quick: { H: 8, D: 4, T: 12 } };
/** Recurrent weight scales ρ of the RNN: vanishing, borderline, exploding. */
const RADII = [0.5, 1, 1.5];
/** Forget-gate biases of the LSTM (its recurrent blocks have ρ = 1). */
const FORGET_BIASES = [0, 1];
/** Standard deviation of the inputs x_t: small enough that tanh is not saturated from the first step. */
const INPUT_STD = 0.1;

/** A recurrence over a state of [B][H] tensors (RNN: [h]; LSTM: [h, c]); t indexes the input x_{t+1}. */
type Step = (state: tf.Tensor2D[], t: number) => tf.Tensor2D[];

interface Curve {
  name: string;
  /** Entry k: the Jacobian norm (or gain) from s_T back to s_k, k = 0..T. */
  norms: number[];
}

export const demo: Demo = {
  name: 'gradient-flow',
  summary: 'Jacobian norms ‖∂h_T/∂h_k‖ of a tanh RNN (ρ = 0.5, 1, 1.5) vs an LSTM cell path (forget bias 0, 1)',
  studentExercises: ['03-gradient-flow'],
  run,
};

async function run(options: DemoOptions): Promise<DemoResult> {
  const { H, D, T } = options.quick ? SIZES.quick : SIZES.full;
  const student = options.student ? await loadStudentExercise<Student>('03-gradient-flow', ['rnnJacobianNorms', 'lstmCellPathGains']) : undefined;
  const seeds = seedsFrom(options.seed);
  const curves: Curve[] = [];
  /** Your curve beside the autodiff one it should match (--student). */
  const comparisons: { fn: keyof Student; ours: Curve; yours: Curve }[] = [];
  const progress = trainingProgress('configurations', RADII.length + FORGET_BIASES.length, options.log);
  let done = 0;
  try {
    // Every tensor lives in here; the curves leave as plain numbers.
    tf.tidy(() => {
      // One draw of every random matrix, shared by all configurations, so only the scale differs between curves.
      const x = tf.mul(tf.randomNormal([T, D], 0, 1, 'float32', seeds()), INPUT_STD) as tf.Tensor2D;
      const Wx = tf.randomNormal([D, H], 0, 1 / Math.sqrt(D), 'float32', seeds()) as tf.Tensor2D;
      const WxLstm = tf.randomNormal([D, 4 * H], 0, 1 / Math.sqrt(D), 'float32', seeds()) as tf.Tensor2D;
      const Q = randomOrthogonal(H, seeds());
      const QLstm = tf.concat([0, 1, 2, 3].map(() => randomOrthogonal(H, seeds())), 1) as tf.Tensor2D;
      const b = tf.randomNormal([H], 0, 0.1, 'float32', seeds()) as tf.Tensor1D;
      for (const rho of RADII) {
        const Wh = tf.mul(Q, rho) as tf.Tensor2D;
        const ours = { name: `RNN ρ=${rho}`, norms: jacobianNorms([tf.zeros([1, H])], T, (s, t) => [rnnStep(s[0]!, x, Wx, Wh, b, t)], 0) };
        curves.push(ours);
        if (student) {
          const norms = student.rnnJacobianNorms([x.arraySync()], [new Array<number>(H).fill(0)], Wx.arraySync(), Wh.arraySync(), b.arraySync());
          comparisons.push({ fn: 'rnnJacobianNorms', ours, yours: { name: `${ours.name} (yours)`, norms } });
        }
        progress.update(++done);
      }
      for (const forgetBias of FORGET_BIASES) {
        const bLstm = tf.concat([tf.zeros([H]), tf.fill([H], forgetBias), tf.zeros([2 * H])]) as tf.Tensor1D;
        const step: Step = (s, t) => lstmStep(s[0]!, s[1]!, x, WxLstm, QLstm, bLstm, t).slice(0, 2);
        const start = () => [tf.zeros([1, H]), tf.zeros([1, H])] as tf.Tensor2D[];
        const gates = forgetGates(start(), T, x, WxLstm, QLstm, bLstm);
        const cellPath = { name: `LSTM cell ∏f, b_f=${forgetBias}`, norms: cellPathGains(gates) };
        const fullCell = { name: `LSTM ∂c_T/∂c_k, b_f=${forgetBias}`, norms: jacobianNorms(start(), T, step, 1) };
        curves.push(cellPath, fullCell);
        if (student) comparisons.push({ fn: 'lstmCellPathGains', ours: cellPath, yours: { name: `${cellPath.name} (yours)`, norms: student.lstmCellPathGains(gates.arraySync()) } });
        progress.update(++done);
      }
    });
  } finally {
    progress.stop();
  }

  const metrics: DemoResult['metrics'] = {};
  for (const curve of curves) metrics[`${curve.name}: ‖∂T/∂0‖ / ‖∂T/∂(T−1)‖`] = ratio(curve.norms).toExponential(2);
  const xs = Array.from({ length: T + 1 }, (_, k) => k);
  const title = `Jacobian norm from step T = ${T} back to step k (H = ${H}, log scale)`;
  const plot = (series: Curve[]) => lineChart({ title, x: 'k', y: '‖∂s_T/∂s_k‖_F', xs, logY: true, series: Object.fromEntries(series.map((c) => [c.name, c.norms])) });
  const plots = [await writePlot(options.plotDir, 'gradient-flow-norms', plot(curves))];
  if (student) {
    const largest = new Map<keyof Student, { difference: number; where: string }>();
    for (const { fn, ours, yours } of comparisons) {
      const { difference, k } = largestRelativeDifference(yours.norms, ours.norms);
      metrics[`yours vs autodiff, ${ours.name}: max relative difference`] = difference.toExponential(2);
      if (!(difference <= (largest.get(fn)?.difference ?? -1))) largest.set(fn, { difference, where: `${ours.name}, k = ${k}` });
    }
    for (const [fn, { difference, where }] of largest) Object.assign(metrics, studentVerdict({ fn, exercise: '03-gradient-flow', difference, tolerance: 1e-4, relative: true, where }));
    plots.push(await writePlot(options.plotDir, 'gradient-flow-student', plot(comparisons.flatMap((c) => [c.ours, c.yours]))));
  }
  return { metrics, plots };
}

/** h_{t+1} = tanh(h_t·Wh + x_{t+1}·Wx + b) for a batch of states h [B][H]. */
function rnnStep(h: tf.Tensor2D, x: tf.Tensor2D, Wx: tf.Tensor2D, Wh: tf.Tensor2D, b: tf.Tensor1D, t: number): tf.Tensor2D {
  return tf.tanh(tf.add(tf.add(tf.matMul(h, Wh), tf.matMul(tf.slice(x, [t, 0], [1, -1]), Wx)), b)) as tf.Tensor2D;
}

/** One LSTM step (gates i, f, g, o packed in Wx [D][4H], Wh [H][4H], b [4H]) → [h, c, f]. */
function lstmStep(h: tf.Tensor2D, c: tf.Tensor2D, x: tf.Tensor2D, Wx: tf.Tensor2D, Wh: tf.Tensor2D, b: tf.Tensor1D, t: number): tf.Tensor2D[] {
  const z = tf.add(tf.add(tf.matMul(h, Wh), tf.matMul(tf.slice(x, [t, 0], [1, -1]), Wx)), b);
  const [i, f, g, o] = tf.split(z, 4, 1) as tf.Tensor2D[];
  const fGate = tf.sigmoid(f!);
  const cNext = tf.add(tf.mul(fGate, c), tf.mul(tf.sigmoid(i!), tf.tanh(g!))) as tf.Tensor2D;
  return [tf.mul(tf.sigmoid(o!), tf.tanh(cNext)) as tf.Tensor2D, cNext, fGate];
}

/** The forget gates f_1..f_T of one LSTM run from `state` → [T][H]. */
function forgetGates(state: tf.Tensor2D[], T: number, x: tf.Tensor2D, Wx: tf.Tensor2D, Wh: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const gates: tf.Tensor2D[] = [];
    let [h, c] = state as [tf.Tensor2D, tf.Tensor2D];
    for (let t = 0; t < T; t++) {
      const [hNext, cNext, f] = lstmStep(h, c, x, Wx, Wh, b, t);
      [h, c] = [hNext!, cNext!];
      gates.push(f!);
    }
    return tf.concat(gates, 0);
  });
}

/** ‖diag(f_{k+1} ⊙ … ⊙ f_T)‖_F for k = 0..T from the forget gates [T][H] (entry T: ‖I‖_F = √H). */
function cellPathGains(gates: tf.Tensor2D): number[] {
  return tf.tidy(() => {
    const products = tf.cumprod(gates, 0, false, true); // row k: f_{k+1} ⊙ … ⊙ f_T
    const H = gates.shape[1];
    return [...tf.norm(products, 'euclidean', 1).arraySync() as number[], Math.sqrt(H)];
  });
}

/**
 * ‖∂s_T/∂s_k‖_F for k = 0..T, where s is component `which` of the state that `step` carries from `initial`
 * (each [1][H]) over T steps: by autodiff, with the Jacobian's rows from a batch of H copies (see the top).
 */
function jacobianNorms(initial: tf.Tensor2D[], T: number, step: Step, which: number): number[] {
  return tf.tidy(() => {
    const H = initial[which]!.shape[1];
    const readOut = tf.eye(H); // copy i keeps unit i of s_T
    const lastState = (...deltas: tf.Tensor[]) => {
      let state = initial.map((s) => tf.tile(s, [H, 1]) as tf.Tensor2D);
      const perturb = (k: number) => (state[which] = tf.add(state[which]!, deltas[k]!) as tf.Tensor2D);
      perturb(0);
      for (let t = 0; t < T; t++) {
        state = step(state, t);
        perturb(t + 1);
      }
      return tf.sum(tf.mul(state[which]!, readOut));
    };
    const deltas = Array.from({ length: T + 1 }, () => tf.zeros([H, H]));
    return tf.grads(lastState)(deltas).map((jacobian) => tf.norm(jacobian).arraySync() as number);
  });
}

/** An n×n matrix with orthonormal columns (Q of the QR decomposition of a seeded Gaussian matrix). */
function randomOrthogonal(n: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => tf.linalg.qr(tf.randomNormal([n, n], 0, 1, 'float32', seed))[0] as tf.Tensor2D);
}

/** ‖∂s_T/∂s_0‖ / ‖∂s_T/∂s_{T−1}‖: how much weaker (or stronger) the gradient is after T − 1 more steps. */
function ratio(norms: readonly number[]): number {
  return norms[0]! / norms[norms.length - 2]!;
}

/** max over k of |a_k − b_k| / |b_k|, and its k (NaN counts as the largest). */
function largestRelativeDifference(a: readonly number[], b: readonly number[]): { difference: number; k: number } {
  if (a.length !== b.length) throw new Error(`your function returned ${a.length} norms, expected ${b.length} (k = 0..T)`);
  const gap = largestDifference(a.map((v, k) => Math.abs(v - b[k]!) / Math.abs(b[k]!)), b.map(() => 0));
  return { difference: gap.value, k: gap.at[0] ?? 0 };
}

/** Distinct seeds for successive random draws, all derived from the run's seed. */
function seedsFrom(seed: number): () => number {
  let draw = 0;
  return () => seed * 1000 + draw++;
}
