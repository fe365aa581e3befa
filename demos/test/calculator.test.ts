import { describe, expect, test } from 'vitest';
import { demo } from '../calculator.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('calculator demo', () => {
  test('both variants and the translation task are trained and scored, by number of digits', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['calculator-exact-match.svg', 'calculator-loss.svg', 'calculator-attention-1.svg', 'calculator-attention-2.svg']);
    expect(result.metrics['held-out problems']).toBe(100);
    for (const variant of ['with attention', 'without attention']) {
      // Greedy decoding of digits: far above chance (1 in 12 symbols) per character after a few steps.
      expect(Number(result.metrics[`${variant}: held-out character accuracy`]), variant).toBeGreaterThan(0.15);
      for (const digits of [3, 4]) expect(Number(result.metrics[`${variant}: exact match, ${digits}-digit problems`])).toBeGreaterThanOrEqual(0);
    }
    expect(Number(result.metrics['translation, same model, 10 steps: held-out exact match'])).toBeGreaterThanOrEqual(0);
    expect(result.metrics['held-out 1']).toMatch(/^\d+[+-]\d+ → \d* [✓✗]/);
    expect(result.finalLoss).toBeLessThan(Number(/loss (\d+\.\d+)/.exec(result.lines[0]!)![1]));
  });

  test('--student: the solution’s bahdanauStep gives the demo’s attention weights', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['bahdanauStep']);
    expect(Number(result.metrics['your bahdanauStep vs the demo: max |weight difference|'])).toBeLessThan(1e-4);
  });
});
