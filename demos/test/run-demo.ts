/**
 * Runs a demo as the demo tests need it: `--quick`, into a fresh temporary plot folder, quietly, on the
 * backend the course chose; with `student: true` the "student's" functions are the solutions.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { initBackend } from '../../reference/backend.ts';
import type { Demo, DemoResult } from '../demo.ts';
import { verdictKey } from '../lib/student.ts';

export async function runQuick(demo: Demo, { student = false, seed = 1 } = {}): Promise<DemoResult & { lines: string[] }> {
  await initBackend();
  const lines: string[] = [];
  const previous = process.env.SEQLAB_SUBMISSION;
  if (student) process.env.SEQLAB_SUBMISSION = 'solutions';
  try {
    const plotDir = mkdtempSync(join(tmpdir(), `seqlab-${demo.name}-`));
    const result = await demo.run({ student, quick: true, seed, plotDir, log: (line) => lines.push(line) });
    return { ...result, lines };
  } finally {
    if (previous === undefined) delete process.env.SEQLAB_SUBMISSION;
    else process.env.SEQLAB_SUBMISSION = previous;
  }
}

/** Every plot the demo reported exists and is a non-empty SVG; returns their file names. */
export function expectSvgPlots(result: DemoResult): string[] {
  expect(result.plots.length).toBeGreaterThan(0);
  for (const plot of result.plots) expect(readFileSync(plot, 'utf8')).toMatch(/^<svg[\s\S]*<path/);
  return result.plots.map((p) => p.split('/').pop()!);
}

/** Under --student with the solutions, every compared function's verdict says "same as the demo's". */
export function expectSameVerdicts(result: DemoResult, functions: readonly string[]): void {
  for (const fn of functions) expect(result.metrics[verdictKey(fn)], fn).toMatch(/^same as the demo's \(/);
  const verdicts = Object.keys(result.metrics).filter((name) => name.endsWith(': verdict'));
  expect(verdicts.sort()).toEqual(functions.map(verdictKey).sort());
}

/** The final loss is a loss the progress line logged (the mean of the latest batches, named), not another quantity. */
export function expectFinalLossLogged(result: DemoResult & { lines: string[] }): void {
  expect(result.finalLoss, 'finalLoss').toBeTypeOf('number');
  const logged = `loss ${result.finalLoss!.toFixed(4)} (mean of the last ${result.finalLossBatches} batches)`;
  expect(result.lines.filter((line) => line.includes(logged)), logged).not.toEqual([]);
}
