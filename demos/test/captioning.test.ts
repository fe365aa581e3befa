import { describe, expect, test } from 'vitest';
import { demo } from '../captioning.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('captioning demo', () => {
  test('the loss falls and the greedy captions beat guessing one of ten names', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['captioning-captions.svg', 'captioning-loss.svg']);
    expect(result.finalLoss).toBeLessThan(Number(result.metrics['first step loss']) / 2);
    expect(Number(result.metrics["held-out accuracy (caption = the digit's name)"])).toBeGreaterThan(0.2);
    expect(result.lines.at(-1)).toMatch(/^captioning 40\/40/);
  });

  test('--student: the solutions\' lstmStepForward decodes the same captions', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['lstmStepForward']);
    expect(result.metrics["your lstmStepForward: captions identical to the demo's"]).toBe(`${result.metrics['held-out digits']}/${result.metrics['held-out digits']}`);
    expect(result.metrics['your lstmStepForward: held-out accuracy']).toBe(result.metrics["held-out accuracy (caption = the digit's name)"]);
  });
});
