import { describe, expect, test } from 'vitest';
import { demo } from '../sparse-autoencoder.ts';
import { expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

/** λ → [mean activation, active %, held-out MSE] from the metric lines. */
function sweep(metrics: Record<string, number | string>): Map<number, number[]> {
  const rows = Object.entries(metrics).filter(([key]) => key.startsWith('λ = '));
  return new Map(rows.map(([key, line]) => [Number(key.slice(4)), [...String(line).matchAll(/(\d+(?:\.\d+)?(?:e-?\d+)?)/g)].map((m) => Number(m[1]))]));
}

describe('sparse-autoencoder demo', () => {
  test('a larger L1 weight gives a sparser code and a worse reconstruction', async () => {
    const result = await runQuick(demo);
    expect(expectSvgPlots(result)).toEqual(['sparse-autoencoder-sparsity.svg', 'sparse-autoencoder-error.svg', 'sparse-autoencoder-reconstructions.svg']);
    const points = sweep(result.metrics);
    expect([...points.keys()]).toEqual([0, 0.0001, 0.0003, 0.001, 0.003, 0.01]);
    const [none, strongest] = [points.get(0)!, points.get(0.01)!];
    expect(strongest[0]!).toBeLessThan(none[0]! / 2);
    expect(strongest[2]!).toBeGreaterThan(none[2]!);
  });

  test('--student: the solution’s l1SparsityPenalty gives the demo’s penalties', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['l1SparsityPenalty']);
    expect(Number(result.metrics['your l1SparsityPenalty vs tfjs: largest relative difference'])).toBeLessThan(1e-4);
  });
});
