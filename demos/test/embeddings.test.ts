import { describe, expect, test } from 'vitest';
import { demo } from '../embeddings.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

/** The nouns that follow "the" in the corpus's sentences ("the movie was good", "we see the house"). */
const NOUNS = new Set(['book', 'movie', 'film', 'coffee', 'music', 'service', 'staff', 'hotel', 'food', 'house', 'bread', 'apple', 'car', 'sea', 'dog', 'cat', 'soup', 'fish']);

/** The words of a metric "w1 0.93, w2 0.91, …". */
const neighbourWords = (metric: string | number | undefined): string[] => String(metric).split(', ').map((entry) => entry.split(' ')[0]!);

describe('embeddings demo', () => {
  test('learns below the uniform guess; nouns end up next to nouns', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['embeddings-map.svg', 'embeddings-loss.svg']);
    expect(result.finalLoss!).toBeLessThan(Number(result.metrics['uniform guess loss (ln V)']));
    const neighbours = neighbourWords(result.metrics["neighbours of 'movie'"]);
    expect(neighbours).toHaveLength(4);
    expect(neighbours.filter((word) => NOUNS.has(word)).length).toBeGreaterThanOrEqual(3);
    expect(Number(result.metrics['cos(good, bad)'])).toBeGreaterThan(Number(result.metrics['cos(good, movie)']));
  });

  test('--student: the solution’s skipGramPairs and nearestNeighbors agree with the demo’s', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['skipGramPairs', 'nearestNeighbors']);
    expect(result.metrics["your pairs vs the demo's"]).toBe('identical');
    expect(Number(result.metrics['max |your similarity − tfjs similarity|'])).toBeLessThan(1e-4);
  });
});
