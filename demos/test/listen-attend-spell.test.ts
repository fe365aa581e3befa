import { describe, expect, test } from 'vitest';
import { demo } from '../listen-attend-spell.ts';
import { expectSvgPlots, runQuick } from './run-demo.ts';

describe('listen-attend-spell demo', () => {
  test('the speller is trained on five voices and scored on the sixth; the alignments are drawn', async () => {
    const result = await runQuick(demo);
    expect(expectSvgPlots(result)).toEqual(['listen-attend-spell-alignment.svg', 'listen-attend-spell-loss.svg']);
    expect(result.metrics['held-out voice (never heard in training)']).toBe('en-us');
    expect(result.metrics['training utterances']).toBe(300);
    expect(result.metrics['held-out utterances']).toBe(60);
    for (const name of ['held-out character accuracy', 'held-out word accuracy (name spelt exactly)']) {
      const accuracy = Number(result.metrics[name]);
      expect(accuracy, name).toBeGreaterThanOrEqual(0);
      expect(accuracy, name).toBeLessThanOrEqual(1);
    }
    expect(result.lines[0]).toMatch(/loss \d+\.\d+/);
  });

  test('--seed chooses the held-out voice', async () => {
    const result = await runQuick(demo, { seed: 5 });
    expect(result.metrics['held-out voice (never heard in training)']).toBe('en-us+f3');
  });

  test('--student: the solutions’ bahdanauStep gives the speller’s attention, and the verdict says so', async () => {
    const result = await runQuick(demo, { student: true });
    expect(Number(result.metrics['your bahdanauStep vs the demo: max |weight difference|'])).toBeLessThan(1e-4);
    expect(result.metrics['verdict']).toMatch(/attends exactly as the trained speller does/);
  });
});
