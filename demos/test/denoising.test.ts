import { describe, expect, test } from 'vitest';
import { demo } from '../denoising.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('denoising demo', () => {
  test('the denoised held-out digits are closer to the clean ones than the noisy inputs', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['denoising-reconstructions.svg', 'denoising-loss.svg']);
    const noisy = Number(result.metrics['held-out MSE(noisy, clean)']);
    // Noise of σ = 0.4, clipped to [0, 1]: well below 0.16 (clipping), well above 0.
    expect(noisy).toBeGreaterThan(0.05);
    expect(noisy).toBeLessThan(0.16);
    expect(Number(result.metrics['held-out MSE(denoised, clean)'])).toBeLessThan(noisy / 1.5);
    expect(result.finalLoss!).toBeLessThan(Number(result.metrics['first step loss']));
  });

  test('--student: trained on the solution’s noise, scored by the solution’s denoisingLoss', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['denoisingLoss']);
    expect(Number(result.metrics['your held-out denoisingLoss'])).toBeCloseTo(Number(result.metrics['held-out MSE(denoised, clean)']), 4);
    expect(Number(result.metrics['held-out MSE(denoised, clean)'])).toBeLessThan(Number(result.metrics['held-out MSE(noisy, clean)']));
  });
});
