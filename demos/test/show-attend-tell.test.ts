import { describe, expect, test } from 'vitest';
import { demo } from '../show-attend-tell.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('show-attend-tell demo', () => {
  test('both variants are trained and scored; the attention maps are drawn', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['show-attend-tell-attention.svg', 'show-attend-tell-accuracy.svg', 'show-attend-tell-loss.svg']);
    expect(result.metrics['held-out digits']).toBe(359);
    for (const variant of ['with attention', 'without attention']) {
      const accuracy = Number(result.metrics[`${variant}: held-out accuracy (caption = the digit's name)`]);
      expect(accuracy, variant).toBeGreaterThanOrEqual(0);
      expect(accuracy, variant).toBeLessThanOrEqual(1);
    }
    expect(result.finalLoss).toBeLessThan(Number(/loss (\d+\.\d+)/.exec(result.lines[0]!)![1]));
  });

  test('--student: the solutions’ patchify and bahdanauStep give the demo’s patches and attention', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['patchify', 'bahdanauStep']);
    expect(Number(result.metrics['max |your patchify − the demo’s patches|'])).toBe(0);
    expect(Number(result.metrics['your bahdanauStep vs the demo: max |weight difference|'])).toBeLessThan(1e-4);
  });
});
