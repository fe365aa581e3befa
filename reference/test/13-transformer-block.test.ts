/**
 * Checks the 13-transformer-block reference on its own: the feed-forward network against two tf.layers.dense
 * (relu, then linear) applied over the sequence, add & norm against tf.layers.layerNormalization, the block's
 * causal property and permutation equivariance, pre-norm and post-norm giving different blocks, the block's
 * autodiff gradients against float64 central differences of the solution's forward, the float64 solution,
 * and no tensor leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import type { TransformerBlockOptions, TransformerBlockParams } from '../../exercises/13-transformer-block/transformer-block.ts';
import type { Matrix, Tensor3, Vector } from '../../grader/runtime/shared/types.ts';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import * as float64 from '../../solutions/13-transformer-block/transformer-block.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../13-transformer-block.ts';
import { centralDifference, dot } from './central-difference.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(1313);
const [B, T, E, F] = [2, 4, 6, 8];
const blockParams = (e = E, f = F): TransformerBlockParams => ({
  attention: { Wq: random.matrix(e, e), Wk: random.matrix(e, e), Wv: random.matrix(e, e), Wo: random.matrix(e, e) },
  norm1: { gamma: random.vector(e, 1.5), beta: random.vector(e) },
  ffn: { W1: random.matrix(e, f), b1: random.vector(f), W2: random.matrix(f, e), b2: random.vector(e) },
  norm2: { gamma: random.vector(e, 1.5), beta: random.vector(e) },
});
const OPTIONS: TransformerBlockOptions[] = [false, true].flatMap((preNorm) => [false, true].map((causal) => ({ numHeads: 2, causal, preNorm })));

/** Runs a tfjs-layers layer on x after building it and setting its weights; disposes it. */
function runLayers(layers: tfl.layers.Layer[], weights: tf.Tensor[][], x: Tensor3): Tensor3 {
  return tf.tidy(() => {
    let h: tf.Tensor = tf.tensor3d(x);
    layers.forEach((layer, i) => {
      layer.apply(h); // builds the weights
      layer.setWeights(weights[i]!);
      h = layer.apply(h) as tf.Tensor;
    });
    const out = h.arraySync() as Tensor3;
    layers.forEach((layer) => layer.dispose()); // their weights are variables, which tf.tidy keeps
    return out;
  });
}

describe('positionwiseFFN and addNorm', () => {
  test('positionwiseFFN equals tf.layers.dense (relu) then tf.layers.dense applied over the sequence', () => {
    const [x, W1, b1, W2, b2] = [random.tensor3(B, T, E), random.matrix(E, F), random.vector(F), random.matrix(F, E), random.vector(E)];
    const layers = [tfl.layers.dense({ units: F, activation: 'relu' }), tfl.layers.dense({ units: E })];
    const expected = runLayers(layers, [[tf.tensor2d(W1), tf.tensor1d(b1)], [tf.tensor2d(W2), tf.tensor1d(b2)]], x);
    expectClose('positionwiseFFN', noLeaks(() => ref.positionwiseFFN(x, W1, b1, W2, b2)), expected, { atol: 1e-5, rtol: 1e-5 });
    expectClose('the float64 solution', float64.positionwiseFFN(x, W1, b1, W2, b2), expected);
  });

  test('addNorm equals tf.layers.layerNormalization (ε = 1e-5) of x + sublayerOut', () => {
    const [x, s, gamma, beta] = [random.tensor3(B, T, E, 2), random.tensor3(B, T, E, 2), random.vector(E), random.vector(E)];
    const sum = x.map((seq, n) => seq.map((row, t) => row.map((v, e) => v + s[n]![t]![e]!)));
    const expected = runLayers([tfl.layers.layerNormalization({ epsilon: 1e-5 })], [[tf.tensor1d(gamma), tf.tensor1d(beta)]], sum);
    expectClose('addNorm', noLeaks(() => ref.addNorm(x, s, gamma, beta)), expected, { atol: 1e-5, rtol: 1e-5 });
    expectClose('layerNorm', ref.layerNorm(sum, { gamma, beta }), expected, { atol: 1e-5, rtol: 1e-5 });
    expectClose('the float64 solution', float64.addNorm(x, s, gamma, beta), expected);
  });
});

describe('transformerEncoderBlock', () => {
  const x = random.tensor3(B, T, E);
  const params = blockParams();

  test.each(OPTIONS)('equals the float64 solution with %o', (options) => {
    expectClose('block', noLeaks(() => ref.transformerEncoderBlock(x, params, options)), float64.transformerEncoderBlock(x, params, options));
  });

  test('pre-norm and post-norm are different blocks; causal differs from not causal', () => {
    const post = ref.transformerEncoderBlock(x, params, { numHeads: 2 });
    const pre = ref.transformerEncoderBlock(x, params, { numHeads: 2, preNorm: true });
    const causal = ref.transformerEncoderBlock(x, params, { numHeads: 2, causal: true });
    expect(() => expectClose('pre vs post', pre, post)).toThrow();
    expect(() => expectClose('causal vs not', causal, post)).toThrow();
    // Post-norm ends with a layer norm: with γ = 1, β = 0 every position has mean 0; pre-norm's output does not.
    const unit = { gamma: new Array<number>(E).fill(1), beta: new Array<number>(E).fill(0) };
    const mean = (v: Vector) => v.reduce((s, a) => s + a, 0) / v.length;
    const postUnit = ref.transformerEncoderBlock(x, { ...params, norm2: unit }, { numHeads: 2 });
    expectClose('post-norm position means', postUnit.map((seq) => seq.map(mean)), postUnit.map((seq) => seq.map(() => 0)), { atol: 1e-6 });
  });

  test.each([false, true])('causal (preNorm %s): the output at t ignores the tokens after t', (preNorm) => {
    const options = { numHeads: 3, causal: true, preNorm };
    const out = ref.transformerEncoderBlock(x, params, options);
    for (let t = 0; t < T - 1; t++) {
      const changed = x.map((seq) => seq.map((row, s) => (s > t ? row.map(() => random.uniform(-3, 3)) : row)));
      const after = ref.transformerEncoderBlock(changed, params, options);
      expectClose(`out[:, 0..${t}]`, after.map((seq) => seq.slice(0, t + 1)), out.map((seq) => seq.slice(0, t + 1)), { atol: 1e-5, rtol: 1e-5 });
    }
  });

  test.each([false, true])('without a mask (preNorm %s), permuting the tokens permutes the outputs', (preNorm) => {
    const order = [2, 0, 3, 1];
    const options = { numHeads: 2, preNorm };
    const out = ref.transformerEncoderBlock(x, params, options);
    const permuted = ref.transformerEncoderBlock(x.map((seq) => order.map((t) => seq[t]!)), params, options);
    expectClose('out of the permuted tokens', permuted, out.map((seq) => order.map((t) => seq[t]!)), { atol: 1e-5, rtol: 1e-4 });
  });

  test.each(OPTIONS)('tf.grads of Σ dout ⊙ out equals float64 central differences of the solution’s forward, %o', (options) => {
    const [b, t, e, f] = [1, 3, 4, 5];
    const xs = random.tensor3(b, t, e);
    const p = blockParams(e, f);
    const dout = random.tensor3(b, t, e);
    const loss = (xv: Tensor3, pv: TransformerBlockParams) => dot(dout, float64.transformerEncoderBlock(xv, pv, options));
    const grads = noLeaks(() => ref.transformerEncoderBlockGrads(xs, p, options, dout));
    expectClose('dx', grads.dx, centralDifference((v: Tensor3) => loss(v, p), xs), GRADIENT_TOLERANCE);
    const groups = { attention: ['Wq', 'Wk', 'Wv', 'Wo'], norm1: ['gamma', 'beta'], ffn: ['W1', 'b1', 'W2', 'b2'], norm2: ['gamma', 'beta'] } as const;
    for (const [group, keys] of Object.entries(groups) as [keyof TransformerBlockParams, readonly string[]][]) {
      for (const key of keys) {
        const value = (p[group] as unknown as Record<string, Matrix | Vector>)[key]!;
        const numeric = centralDifference((v: Matrix | Vector) => loss(xs, { ...p, [group]: { ...p[group], [key]: v } }), value);
        const name = group === 'norm1' || group === 'norm2' ? `d${key}${group.slice(-1)}` : `d${key}`;
        expectClose(`${name} (${group}.${key})`, (grads as unknown as Record<string, Matrix | Vector>)[name], numeric, GRADIENT_TOLERANCE);
      }
    }
  });
});

test('no call leaves a tensor behind', () => {
  const x = random.tensor3(B, T, E);
  const p = blockParams();
  noLeaks(() => ref.positionwiseFFN(x, p.ffn.W1, p.ffn.b1, p.ffn.W2, p.ffn.b2));
  noLeaks(() => ref.addNorm(x, x, p.norm1.gamma, p.norm1.beta));
  noLeaks(() => ref.layerNorm(x, p.norm1));
  noLeaks(() => ref.transformerEncoderBlock(x, p, { numHeads: 3, causal: true, preNorm: true }));
  noLeaks(() => ref.transformerEncoderBlockGrads(x, p, { numHeads: 2 }, x));
});
