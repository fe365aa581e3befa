/**
 * The hostile corpus against the sandbox: every case ends with the outcome it names, within its limits.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SandboxedExercise, sandboxLimits } from '../sandbox/client.ts';
import { prepareSandbox, transpile } from '../sandbox/prepare.ts';
import { HOSTILE_CASES } from './hostile-corpus.ts';

// Short limits keep the corpus fast; the defaults are in grader/sandbox/client.ts.
const limits = { importMs: 1000, callMs: 500, exerciseMs: 10_000, memoryMb: 64 };
const cleanup: string[] = [];
afterAll(() => cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function sandboxed(source: string, exerciseLimits = limits): SandboxedExercise {
  const submission = mkdtempSync(join(tmpdir(), 'seqlab-corpus-'));
  mkdirSync(join(submission, '01-rnn-forward'));
  writeFileSync(join(submission, '01-rnn-forward', 'rnn-forward.ts'), source);
  const folder = prepareSandbox(submission);
  cleanup.push(submission, folder.root);
  return new SandboxedExercise('01-rnn-forward', join(folder.submission, '01-rnn-forward', 'rnn-forward.js'), folder, exerciseLimits);
}

describe('hostile corpus', () => {
  test.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', async (_, hostile) => {
    const student = sandboxed(hostile.source);
    const started = performance.now();
    const outcome = await student.call('rnnStepForward', [[[1, 2]], [[3, 4]]]).then(
      (value) => ({ value }),
      (error: Error) => ({ error }),
    );
    student.stop();
    if ('error' in hostile.expect) {
      expect('error' in outcome ? outcome.error.name : `no error, value ${JSON.stringify((outcome as { value: unknown }).value)}`).toBe(hostile.expect.error);
      expect((outcome as { error: Error }).error.message).toMatch(hostile.expect.message);
    } else {
      expect(outcome, hostile.expect.note).not.toHaveProperty('error');
      expect(hostile.expect.value((outcome as { value: unknown }).value), hostile.expect.note).toBe(true);
    }
    // Bounded: at most the import limit plus one call limit, plus process start-up.
    expect(performance.now() - started).toBeLessThan(limits.importMs + limits.callMs + 5000);
  });
});

describe('limits', () => {
  test('a legitimate solution written with mathjs loads and answers within the default limits', async () => {
    const student = sandboxed(
      [
        "import { add, multiply, map } from 'mathjs';",
        'export function rnnStepForward(x, hPrev, Wx, Wh, b) {',
        '  const a = add(multiply(x, Wx), multiply(hPrev, Wh));',
        '  return { h: map(a.map((row) => row.map((v, j) => v + b[j])), Math.tanh) };',
        '}',
      ].join('\n'),
      sandboxLimits(),
    );
    const { h } = (await student.call('rnnStepForward', [[[1, 2]], [[0, 0]], [[0.1, 0.2], [0.3, -0.4]], [[0.5, 0], [0, 0.5]], [0, 0.1]])) as { h: number[][] };
    expect(h[0]![0]).toBeCloseTo(Math.tanh(0.7), 12);
    student.stop();
  });

  test('a module that failed to load is not loaded again: every call fails the same way at once', async () => {
    const student = sandboxed('throw new Error("boom");');
    await expect(student.call('rnnStepForward', [])).rejects.toThrow('failed to load: boom');
    await expect(student.call('rnnStepForward', [])).rejects.toThrow('failed to load: boom');
  });

  test('after a timeout the next call runs in a fresh process', async () => {
    const student = sandboxed('let calls = 0; export function rnnStepForward(x) { if (x === "hang") while (true) {} return ++calls; }');
    await expect(student.call('rnnStepForward', ['hang'])).rejects.toThrow('timed out');
    expect(await student.call('rnnStepForward', ['ok'])).toBe(1);
    student.stop();
  });

  test('an exercise that used up its time budget runs nothing more', async () => {
    const student = sandboxed('export function rnnStepForward() { const end = Date.now() + 300; while (Date.now() < end) {} return 1; }', { ...limits, exerciseMs: 500 });
    await student.call('rnnStepForward', []);
    await student.call('rnnStepForward', []).catch(() => {});
    await expect(student.call('rnnStepForward', [])).rejects.toThrow('01-rnn-forward used up its time budget of 0.5 s');
    student.stop();
  });
});

test('transpile turns syntax errors into a module that throws them, with the position', () => {
  expect(transpile('export const a = (;', '/x/a.ts')).toMatch(/^throw new SyntaxError\("a\.ts:1:\d+: Expression expected\."\);/);
  expect(transpile('import { f } from "./g.ts"; export const a: number = f();', '/x/a.ts')).toContain('from "./g.js"');
});
