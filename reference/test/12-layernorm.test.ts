/**
 * Checks the 12-layernorm reference on its own: the forward against tf.layers.layerNormalization, the autodiff
 * backward against float64 central differences, the batch-norm statistics, and that no call leaks tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, test } from 'vitest';
import { expectClose, GRADIENT_TOLERANCE } from '../../grader/runtime/compare.ts';
import { makeRandom } from '../../grader/runtime/random.ts';
import type { Matrix, Vector } from '../../grader/runtime/shared/types.ts';
import * as float64 from '../../solutions/12-layernorm/layernorm.ts';
import { initBackend } from '../backend.ts';
import * as ref from '../12-layernorm.ts';
import { centralDifference, dot } from './central-difference.ts';
import { noLeaks } from './helpers.ts';

beforeAll(async () => {
  await initBackend();
});

const random = makeRandom(1212);
const [N, D] = [4, 5];

/** tf.layers.layerNormalization (last axis, ε = 1e-5) with our γ and β. */
function layersLayerNorm(x: Matrix, gamma: Vector, beta: Vector): Matrix {
  const layer = tfl.layers.layerNormalization({ epsilon: 1e-5 });
  const out = tf.tidy(() => {
    const input = tf.tensor2d(x);
    layer.apply(input); // builds the weights
    layer.setWeights([tf.tensor1d(gamma), tf.tensor1d(beta)]);
    return (layer.apply(input) as tf.Tensor).arraySync() as Matrix;
  });
  layer.dispose();
  return out;
}

const mean = (v: Vector): number => v.reduce((s, a) => s + a, 0) / v.length;
const variance = (v: Vector): number => mean(v.map((a) => (a - mean(v)) ** 2));

test('layerNormForward equals tf.layers.layerNormalization with the same γ, β and ε', () => {
  const [x, gamma, beta] = [random.matrix(N, D, 3), random.vector(D), random.vector(D)];
  const { out } = noLeaks(() => ref.layerNormForward(x, gamma, beta));
  expectClose('layer norm', out, layersLayerNorm(x, gamma, beta), { atol: 1e-5, rtol: 1e-5 });
});

test('the reference equals the float64 solution (forward, cache, batch norm)', () => {
  const [x, gamma, beta] = [random.matrix(N, D, 2), random.vector(D), random.vector(D)];
  expectClose('out', ref.layerNormForward(x, gamma, beta, 1e-3).out, float64.layerNormForward(x, gamma, beta, 1e-3).out);
  const cache = ref.layerNormCache(x, gamma, beta);
  const own = float64.layerNormForward(x, gamma, beta).cache;
  for (const key of ['mean', 'invStd', 'xHat'] as const) expectClose(`cache.${key}`, cache[key], own[key]);
  expectClose('batch norm', ref.batchNormForward(x, gamma, beta), float64.batchNormForward(x, gamma, beta));
});

test('γ = 1, β = 0: each row of layer norm (each column of batch norm) has mean 0 and variance ≈ 1', () => {
  const x = random.matrix(N, D, 4);
  const [ones, zeros] = [new Array<number>(D).fill(1), new Array<number>(D).fill(0)];
  const { out } = ref.layerNormForward(x, ones, zeros);
  expectClose('row means', out.map(mean), new Array(N).fill(0), { atol: 1e-6 });
  expectClose('row variances', out.map(variance), new Array(N).fill(1), { atol: 1e-4 });
  const bn = ref.batchNormForward(x, ones, zeros);
  const cols = bn[0]!.map((_, j) => bn.map((r) => r[j]!));
  expectClose('column means', cols.map(mean), new Array(D).fill(0), { atol: 1e-6 });
  expectClose('column variances', cols.map(variance), new Array(D).fill(1), { atol: 1e-4 });
});

test('layerNormBackward equals float64 central differences of the solution’s forward', () => {
  const [x, gamma, beta] = [random.matrix(3, 4), random.vector(4), random.vector(4)];
  const dout = random.matrix(3, 4);
  for (const eps of [1e-5, 0.1]) {
    const loss = (xv: Matrix, g: Vector, b: Vector) => dot(dout, float64.layerNormForward(xv, g, b, eps).out);
    const numeric = {
      dx: centralDifference((v: Matrix) => loss(v, gamma, beta), x),
      dgamma: centralDifference((v: Vector) => loss(x, v, beta), gamma),
      dbeta: centralDifference((v: Vector) => loss(x, gamma, v), beta),
    };
    const grads = noLeaks(() => ref.layerNormBackward(dout, ref.layerNormCache(x, gamma, beta, eps)));
    for (const key of ['dx', 'dgamma', 'dbeta'] as const) expectClose(`${key} (eps ${eps})`, grads[key], numeric[key], GRADIENT_TOLERANCE);
    const own = float64.layerNormBackward(dout, float64.layerNormForward(x, gamma, beta, eps).cache);
    for (const key of ['dx', 'dgamma', 'dbeta'] as const) expectClose(`solution ${key} (eps ${eps})`, own[key], numeric[key], GRADIENT_TOLERANCE);
  }
});

test('no call leaves a tensor behind', () => {
  const [x, gamma, beta] = [random.matrix(N, D), random.vector(D), random.vector(D)];
  noLeaks(() => ref.layerNormForward(x, gamma, beta));
  noLeaks(() => ref.layerNormCache(x, gamma, beta));
  noLeaks(() => ref.layerNormBackward(x, ref.layerNormCache(x, gamma, beta)));
  noLeaks(() => ref.batchNormForward(x, gamma, beta));
});
