/**
 * The loss a demo logs and the final loss it reports are one quantity (demos/lib/train.ts).
 */
import { expect, test } from 'vitest';
import { finalTrainingLoss, lossWindow, recentLoss, trainSteps } from '../lib/train.ts';

test('lossWindow is a twentieth of the run, from 1 to 50 batches', () => {
  expect([1, 40, 100, 1000, 5000].map(lossWindow)).toEqual([1, 2, 5, 50, 50]);
});

test('the progress line logs recentLoss, named, and the final loss is its last value', async () => {
  const lines: string[] = [];
  const batchLosses = Array.from({ length: 40 }, (_, i) => 4 - i / 10);
  const losses = await trainSteps({ label: 'training', steps: 40, log: (line) => lines.push(line), step: (i) => batchLosses[i]! });
  expect(losses).toEqual(batchLosses);
  const final = finalTrainingLoss(losses);
  expect(final.finalLossBatches).toBe(2);
  expect(final.finalLoss).toBeCloseTo(0.15, 12); // the mean of the last two batch losses, 0.2 and 0.1
  expect(final.finalLoss).toBe(recentLoss(losses));
  expect(lines.at(-1)).toContain(`training 40/40  loss ${final.finalLoss.toFixed(4)} (mean of the last 2 batches)`);
});
