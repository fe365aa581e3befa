import { describe, expect, test } from 'vitest';
import { demo } from '../bouncing-ball.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

const error = (metrics: Record<string, number | string>, name: string) => Number(metrics[`${name}: held-out mean error (px, steps 2–19)`]);

describe('bouncing-ball demo', () => {
  test('both networks are trained and scored next to the baselines; constant velocity beats staying put', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['bouncing-ball-trajectories.svg', 'bouncing-ball-error.svg', 'bouncing-ball-loss.svg']);
    for (const name of ['RNN', 'LSTM', 'stay', 'constant velocity']) expect(error(result.metrics, name), name).toBeGreaterThan(0);
    // Speeds are 0.5–1.2 px per step: staying put misses by about that much; the velocity is exact between bounces.
    expect(error(result.metrics, 'stay')).toBeGreaterThan(0.5);
    expect(error(result.metrics, 'constant velocity')).toBeLessThan(error(result.metrics, 'stay') / 2);
    // Predicting the middle of the 12×12 image every time would miss by about 3 px.
    expect(error(result.metrics, 'LSTM')).toBeLessThan(6);
    expect(result.metrics['held-out sequences']).toBe(8);
  });

  test('--student: the solution’s lstmForward gives the LSTM’s predictions', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['lstmForward']);
    expect(Number(result.metrics['max |your lstmForward’s prediction − the LSTM’s| (px)'])).toBeLessThan(1e-4);
  });
});
