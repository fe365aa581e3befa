import { describe, expect, test } from 'vitest';
import { demo } from '../vae.ts';
import { expectFinalLossLogged, expectSameVerdicts, expectSvgPlots, runQuick } from './run-demo.ts';

describe('vae demo', () => {
  test('the held-out loss falls; the KL is positive; the plots are drawn', async () => {
    const result = await runQuick(demo);
    expectFinalLossLogged(result);
    expect(expectSvgPlots(result)).toEqual(['vae-prior-samples.svg', 'vae-latent-map.svg', 'vae-loss.svg']);
    const reconstruction = Number(result.metrics['held-out reconstruction (BCE, nats per digit)']);
    const kl = Number(result.metrics['held-out KL (nats per digit)']);
    expect(kl).toBeGreaterThan(0);
    expect(reconstruction + kl).toBeLessThan(Number(result.metrics['first epoch held-out loss']));
    // 64 pixels guessed at 0.5 cost 64 ln 2 = 44 nats; the trained decoder does better.
    expect(reconstruction).toBeLessThan(64 * Math.log(2));
    expect(Number(result.metrics['held-out MSE per pixel, decoded from μ'])).toBeLessThan(0.1);
    expect(result.lines.at(-1)).toMatch(/^vae 132\/132/);
  });

  test('--student: the solution’s vaeReparameterize and vaeKl give the demo’s z and KL', async () => {
    const result = await runQuick(demo, { student: true });
    expectSameVerdicts(result, ['vaeReparameterize', 'vaeKl']);
    expect(Number(result.metrics['max |your z − tfjs z| (vaeReparameterize)'])).toBeLessThan(1e-5);
    expect(Number(result.metrics['your held-out KL (vaeKl)'])).toBeCloseTo(Number(result.metrics['held-out KL (nats per digit)']), 3);
  });
});
