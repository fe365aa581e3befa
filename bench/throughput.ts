/**
 * Child script of bench/run.ts: reference-backend throughput in GFLOP/s.
 *
 *   SEQLAB_BACKEND=wasm node --import ./grader/runtime/loader/register.mjs bench/throughput.ts [--budget-ms 1000]
 *   SEQLAB_BENCH_WASM_SIMD=0 …   the wasm backend's build without SIMD (tfjs' WASM_HAS_SIMD_SUPPORT flag)
 *   … bench/throughput.ts --probe   only which backend starts (SEQLAB_BACKEND unset: the automatic choice)
 *
 * Starts the backend with the project's initBackend, then per workload: warm-up, then as many iterations
 * as fit in the budget (at least 3), each synchronised with `await tensor.data()`. Prints one JSON line.
 * FLOP counts: matmul n×n · n×n = 2·n³; self-attention over T positions of width d =
 * 2·T²·d (Q·Kᵀ) + 2·T²·d (weights·V); the scaling and the softmax (O(T²)) are not counted.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { initBackend } from '../reference/backend.ts';

export interface WorkloadResult {
  name: string;
  flop: number;
  iterations: number;
  seconds: number;
  gflops: number;
}

export type ThroughputOutput =
  | { available: true; backend: string; simd?: boolean; workloads: WorkloadResult[] }
  | { available: false; backend: string; reason: string }
  | { probe: true; backend: string; skipped: { name: string; reason: string }[] };

interface Workload {
  name: string;
  flop: number;
  /** Allocates the inputs; returns one step (which must return a tensor to read) and a disposer. */
  setup(): { step: () => tf.Tensor; dispose: () => void };
}

function matmul(n: number): Workload {
  return {
    name: `matmul ${n}`,
    flop: 2 * n ** 3,
    setup() {
      const a = tf.randomNormal([n, n], 0, 1, 'float32', 1);
      const b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
      return { step: () => tf.matMul(a, b), dispose: () => tf.dispose([a, b]) };
    },
  };
}

function attention(T: number, d: number): Workload {
  return {
    name: `attention T=${T} d=${d}`,
    flop: 4 * T * T * d,
    setup() {
      const [q, k, v] = [3, 4, 5].map((seed) => tf.randomNormal([T, d], 0, 1, 'float32', seed));
      const scale = tf.scalar(1 / Math.sqrt(d));
      const step = () =>
        tf.tidy(() => tf.matMul(tf.softmax(tf.mul(tf.matMul(q!, k!, false, true), scale)), v!));
      return { step, dispose: () => tf.dispose([q!, k!, v!, scale]) };
    },
  };
}

export const WORKLOADS: Workload[] = [matmul(256), matmul(512), attention(256, 64)];

async function runOnce(step: () => tf.Tensor): Promise<void> {
  const out = step();
  await out.data();
  out.dispose();
}

async function measure(workload: Workload, budgetMs: number): Promise<WorkloadResult> {
  const { step, dispose } = workload.setup();
  try {
    for (let i = 0; i < 2; i++) await runOnce(step); // warm-up: kernel setup, allocations, JIT
    let iterations = 0;
    const start = performance.now();
    let elapsed = 0;
    while (iterations < 3 || elapsed < budgetMs) {
      await runOnce(step);
      iterations++;
      elapsed = performance.now() - start;
    }
    const seconds = elapsed / 1000;
    return { name: workload.name, flop: workload.flop, iterations, seconds, gflops: (workload.flop * iterations) / seconds / 1e9 };
  } finally {
    dispose();
  }
}

async function main(): Promise<ThroughputOutput> {
  const { values } = parseArgs({ options: { 'budget-ms': { type: 'string', default: '1000' }, probe: { type: 'boolean' } } });
  const budgetMs = Number(values['budget-ms']);
  if (!(budgetMs > 0)) throw new Error(`--budget-ms must be a positive number, got ${values['budget-ms']}`);
  const requested = process.env.SEQLAB_BACKEND?.trim() || 'auto';
  const noSimd = process.env.SEQLAB_BENCH_WASM_SIMD === '0';
  if (noSimd) {
    if (requested !== 'wasm') throw new Error('SEQLAB_BENCH_WASM_SIMD=0 needs SEQLAB_BACKEND=wasm');
    // The flag is registered by the wasm package and read once, when the backend initialises: set it
    // before initBackend() starts the backend, and the backend loads tfjs-backend-wasm.wasm (no SIMD).
    await import('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  }
  let chosen;
  try {
    chosen = await initBackend();
  } catch (error) {
    return { available: false, backend: requested, reason: (error as Error).message.split('\n')[0]! };
  }
  if (values.probe) return { probe: true, backend: chosen.name, skipped: chosen.skipped };
  const simd = chosen.name === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : undefined;
  const workloads: WorkloadResult[] = [];
  for (const workload of WORKLOADS) workloads.push(await measure(workload, budgetMs));
  return { available: true, backend: chosen.name, simd, workloads };
}

try {
  console.log(JSON.stringify(await main()));
  process.exit(0); // the wasm backend can leave handles open
} catch (error) {
  console.error((error as Error).stack ?? String(error));
  process.exit(2);
}
