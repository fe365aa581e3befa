import { describe, expect, test } from 'vitest';
import { demo } from '../char-lm.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('char-lm demo', () => {
  test('trains below the uniform guess and samples names at every temperature', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['char-lm-loss.svg']);
    const firstLoss = Number(/loss (\d+\.\d+)/.exec(result.lines[0]!)![1]);
    expect(result.finalLoss).toBeLessThan(firstLoss);
    expect(Number(result.metrics['held-out perplexity'])).toBeLessThan(Number(result.metrics['perplexity of a uniform guess']));
    for (const temperature of [0, 0.5, 1, 1.5]) expect(result.metrics[`samples at temperature ${temperature}`]).toMatch(/^[a-z]*(, [a-z]*)*$/);
  });

  test('--student: the solution’s generate draws the same names on the trained weights', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['generate']);
    expect(result.metrics['your generate: samples identical to the demo’s']).toBe('16/16');
  });
});
