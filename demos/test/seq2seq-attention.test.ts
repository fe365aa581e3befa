import { describe, expect, test } from 'vitest';
import { demo } from '../seq2seq-attention.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('seq2seq-attention demo', () => {
  test('the loss falls, the held-out words beat chance, the attention maps are drawn', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['seq2seq-attention-loss.svg', 'seq2seq-attention-heatmap-1.svg', 'seq2seq-attention-heatmap-2.svg']);
    const firstLoss = Number(/loss (\d+\.\d+)/.exec(result.lines[0]!)![1]);
    expect(result.finalLoss).toBeLessThan(firstLoss);
    expect(Number(result.metrics['held-out token accuracy'])).toBeGreaterThan(0.1); // chance: 1 in ~60 words
    expect(result.metrics['held-out 1']).toMatch(/^\S.* → /);
  });

  test('--student: the solution’s bahdanauStep gives the demo’s attention weights', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['bahdanauStep']);
    expect(expectSvgPlots(result)).toContain('seq2seq-attention-student.svg');
    expect(Number(result.metrics['your bahdanauStep vs the demo: max |weight difference|'])).toBeLessThan(1e-4);
  });
});
