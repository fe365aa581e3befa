import { describe, expect, test } from 'vitest';
import { demo } from '../gradient-flow.ts';
import { expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

const ratio = (metrics: Record<string, number | string>, curve: string) => Number(metrics[`${curve}: ‖∂T/∂0‖ / ‖∂T/∂(T−1)‖`]);

describe('gradient-flow demo', () => {
  test('vanishing for ρ < 1, growing for ρ > 1; a forget bias of 1 keeps more of the cell path', async () => {
    const result = await runQuick(demo);
    expect(expectSvgPlots(result)).toEqual(['gradient-flow-norms.svg']);
    expect(ratio(result.metrics, 'RNN ρ=0.5')).toBeLessThan(1e-2);
    expect(ratio(result.metrics, 'RNN ρ=1.5')).toBeGreaterThan(1);
    expect(ratio(result.metrics, 'LSTM cell ∏f, b_f=1')).toBeGreaterThan(ratio(result.metrics, 'LSTM cell ∏f, b_f=0'));
    expect(result.lines.at(-1)).toMatch(/^configurations 5\/5/);
  });

  test('--student: the solutions draw the autodiff curves', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['rnnJacobianNorms', 'lstmCellPathGains']);
    expect(expectSvgPlots(result)).toEqual(['gradient-flow-norms.svg', 'gradient-flow-student.svg']);
    const differences = Object.entries(result.metrics).filter(([name]) => name.startsWith('yours vs autodiff'));
    expect(differences).toHaveLength(5);
    for (const [, difference] of differences) expect(Number(difference)).toBeLessThan(1e-4);
  });
});
