/**
 * The course proves itself: the solutions earn every point, the generated stubs earn none, and every
 * graded test carries points and a message. Both grades run the real CLI, as a student or CI would.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { COURSE } from '../manifest.ts';
import { REPO_ROOT } from '../paths.ts';
import type { GradeReport } from '../report.ts';
import { runGrader } from '../run-grader.ts';

let solutions: GradeReport;
let stubs: GradeReport;

beforeAll(async () => {
  // One after the other: each grade already uses both cores.
  solutions = (await runGrader('solutions')).report;
  stubs = (await runGrader('exercises')).report;
}, 300_000);

const allTests = (report: GradeReport) => report.exercises.flatMap((e) => e.tests.map((t) => ({ ...t, exercise: e.id })));

describe('grading the solutions', () => {
  test('gives full marks on every test of every exercise', () => {
    const notPassed = allTests(solutions).filter((t) => t.status !== 'passed');
    expect(notPassed, JSON.stringify(notPassed, null, 2)).toEqual([]);
    expect(solutions.score).toBe(solutions.maxScore);
  });
  test('covers every exercise of the manifest with the points it promises', () => {
    expect(solutions.exercises.map((e) => e.id)).toEqual(COURSE.map((e) => e.id));
    for (const spec of COURSE) {
      expect(solutions.exercises.find((e) => e.id === spec.id)?.maxScore, spec.id).toBe(spec.points);
    }
  });
  test('every exercise has public and hidden tests, and every test is worth points', () => {
    for (const exercise of solutions.exercises) {
      expect(exercise.tests.some((t) => t.hidden), `${exercise.id} hidden`).toBe(true);
      expect(exercise.tests.some((t) => !t.hidden), `${exercise.id} public`).toBe(true);
      for (const t of exercise.tests) expect(t.maxScore, `${exercise.id} › ${t.name}`).toBeGreaterThan(0);
    }
  });
  test('names the backend', () => {
    expect(['tensorflow', 'wasm', 'cpu']).toContain(solutions.backend);
  });
});

describe('grading the generated stubs', () => {
  test('gives 0 on every graded test, each with a message', () => {
    const scored = allTests(stubs).filter((t) => t.score !== 0 || t.status === 'passed');
    expect(scored, JSON.stringify(scored, null, 2)).toEqual([]);
    for (const t of allTests(stubs)) expect(t.message, `${t.exercise} › ${t.name}`).not.toBe('');
  });
  test('grades the same tests as the solutions', () => {
    const names = (r: GradeReport) => allTests(r).map((t) => `${t.exercise} › ${t.name}`);
    expect(names(stubs)).toEqual(names(solutions));
  });
});

describe('a hostile submission', () => {
  test('each broken exercise fails with its cause, the others are graded normally, the report is complete', async () => {
    mkdirSync(join(REPO_ROOT, '.seqlab', 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(REPO_ROOT, '.seqlab', 'tmp', 'hostile-'));
    cpSync(join(REPO_ROOT, 'solutions'), dir, { recursive: true });
    const prepend = (id: string, file: string, code: string) => {
      const path = join(dir, id, file);
      writeFileSync(path, `${code}\n${readFileSync(path, 'utf8')}`);
    };
    prepend('01-rnn-forward', 'rnn-forward.ts', 'while (true) {}');
    prepend('02-bptt', 'bptt.ts', 'process.exit(1);');
    prepend('05-gru', 'gru.ts', 'import { readFileSync } from "node:fs"; readFileSync(process.cwd() + "/solutions/04-lstm/lstm.ts");');
    prepend('04-lstm', 'lstm.ts', 'for (let i = 0; i < 1000; i++) console.log("x".repeat(10000));');
    const { report } = await runGrader(dir, [], { SEQLAB_IMPORT_TIMEOUT_MS: '3000' });
    const byId = Object.fromEntries(report.exercises.map((e) => [e.id, e]));
    const causes: Record<string, RegExp> = {
      '01-rnn-forward': /did not finish loading within 3 s/,
      '02-bptt': /ended the process while loading \(exit code 1\)/,
      '03-gradient-flow': /did not finish loading within 3 s/, // it imports 01's rnnForward
      '05-gru': /tried to read \S*solutions\/04-lstm\/lstm\.ts: not allowed/,
    };
    for (const [id, cause] of Object.entries(causes)) {
      for (const t of byId[id]!.tests) expect(`${t.status}: ${t.message}`, `${id} › ${t.name}`).toMatch(new RegExp(`^error: .*${cause.source}`));
    }
    expect(byId['04-lstm']!.score).toBe(byId['04-lstm']!.maxScore);
    expect(report.exercises.map((e) => e.id)).toEqual(COURSE.map((e) => e.id));
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
