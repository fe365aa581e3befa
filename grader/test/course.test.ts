/**
 * The course proves itself: the solutions earn every point, the generated stubs earn none, and every
 * graded test carries points and a message. Both grades run the real CLI, as a student or CI would.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { COURSE } from '../manifest.ts';
import { REPO_ROOT } from '../paths.ts';
import type { GradeReport } from '../report.ts';
import { runGrader } from './run-grader.ts';

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

describe('a submission whose module does not load', () => {
  test('gets `error` on that exercise with the load error, and the others are graded normally', async () => {
    mkdirSync(join(REPO_ROOT, '.seqlab', 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(REPO_ROOT, '.seqlab', 'tmp', 'broken-'));
    cpSync(join(REPO_ROOT, 'solutions'), dir, { recursive: true });
    writeFileSync(join(dir, '01-rnn-forward', 'rnn-forward.ts'), 'export function rnnStepForward( {\n');
    const { report } = await runGrader(dir, ['--only', '01-rnn-forward,05-gru']);
    const [broken, fine] = report.exercises;
    expect(broken!.tests.every((t) => t.status === 'error' && /failed to load/.test(t.message))).toBe(true);
    expect(fine!.score).toBe(fine!.maxScore);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
