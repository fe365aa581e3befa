import { describe, expect, test } from 'vitest';
import { demo } from '../sentiment.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('sentiment demo', () => {
  test('bag of words stays at chance on the identical-bag pairs; the RNN beats it; the spam baseline is above chance', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['sentiment-accuracy.svg', 'sentiment-loss.svg']);
    expect(Number(result.metrics['bag of words: held-out accuracy'])).toBe(0.5);
    expect(Number(result.metrics['RNN: held-out accuracy'])).toBeGreaterThan(0.6);
    expect(Number(result.metrics['spam subjects: bag-of-words held-out accuracy'])).toBeGreaterThan(0.6);
    expect(result.metrics['held-out pairs with identical bags and opposite labels']).toBe(50);
    expect(result.lines.some((line) => /bag of words p=0\.50 {2}RNN p=/.test(line))).toBe(true);
    expect(result.finalLoss).toBeLessThan(Math.log(2));
  });

  test('--student: the solutions\' bagOfWords gives the same counts, their rnnForward the RNN\'s predictions', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['bagOfWords', 'rnnForward']);
    expect(result.metrics["your bagOfWords: count vectors identical to the demo's"]).toBe('400/400');
    expect(Number(result.metrics['bag of words: held-out accuracy'])).toBe(0.5);
    expect(Number(result.metrics['max |your p − tfjs p|'])).toBeLessThan(1e-4);
    expect(result.metrics['your rnnForward: RNN held-out accuracy']).toBe(result.metrics['RNN: held-out accuracy']);
  });
});
