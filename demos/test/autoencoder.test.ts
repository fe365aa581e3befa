import { describe, expect, test } from 'vitest';
import { demo } from '../autoencoder.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('autoencoder demo', () => {
  test('reconstructs held-out digits far better than its first step, and reports the PCA baseline', async () => {
    const result = await runQuick(demo);
    expect(expectSvgPlots(result)).toEqual(['autoencoder-reconstructions.svg', 'autoencoder-loss.svg']);
    const heldOut = Number(result.metrics['held-out MSE']);
    expect(heldOut).toBeLessThan(Number(result.metrics['first step loss']) / 3);
    // The final loss is the last one logged (the mean of the latest batches), not the training-set MSE.
    expectFinalLossLogged(result);
    expect(Number(result.metrics['train MSE (mean over the whole training set)'])).toBeLessThan(Number(result.metrics['first step loss']) / 3);
    // PCA with 16 of 64 components keeps most of the variance of the digits (pixels in [0, 1]).
    expect(Number(result.metrics['PCA (16 components) held-out MSE'])).toBeLessThan(0.02);
  });

  test('--student: the solution’s denseAutoencoderForward and mseLoss reproduce the trained model', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['denseAutoencoderForward', 'mseLoss']);
    expect(expectSvgPlots(result)).toEqual(['autoencoder-reconstructions.svg', 'autoencoder-loss.svg']);
    expect(Number(result.metrics['max |your recon − tfjs recon|'])).toBeLessThan(1e-5);
    expect(Number(result.metrics['your held-out MSE (mseLoss)'])).toBeCloseTo(Number(result.metrics['held-out MSE']), 4);
  });
});
