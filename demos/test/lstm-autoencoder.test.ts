import { describe, expect, test } from 'vitest';
import { demo } from '../lstm-autoencoder.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('lstm-autoencoder demo', () => {
  test('reconstructs held-out trajectories and reports both baselines', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['lstm-autoencoder-trajectories.svg', 'lstm-autoencoder-loss.svg']);
    expect(result.metrics['training trajectories (with the 8 symmetries)']).toBe(256);
    const line = Number(result.metrics['straight line (4 numbers): held-out mean error (px)']);
    // The least-squares line through time fits the moving ball better than its mean position.
    expect(line).toBeLessThan(Number(result.metrics['mean position (2 numbers): held-out mean error (px)']));
    expect(Number(result.metrics['LSTM autoencoder (code of 8): held-out mean error (px)'])).toBeGreaterThan(0);
    expect(result.finalLoss!).toBeLessThan(Number(result.metrics['training loss at the first step']));
  });

  test('--student: the solution’s lstmAutoencoderForward reconstructs as the trained model does', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['lstmAutoencoderForward']);
    expect(Number(result.metrics['max |your recon − tfjs recon| (px)'])).toBeLessThan(1e-4);
  });
});
