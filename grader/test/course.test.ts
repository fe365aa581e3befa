/**
 * The course proves itself: the solutions earn every point, the generated stubs earn none, and every
 * graded test carries points and a message. Both grades run the real CLI, as a student or CI would.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { COURSE } from '../runtime/manifest.ts';
import type { GradeReport } from '../grading/report.ts';
import { runGrader } from '../teacher/run-grader.ts';
import { schemaErrors } from './report-schema.ts';

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
  test('writes reports that follow docs/grade-report.schema.json', () => {
    expect(schemaErrors(solutions)).toEqual([]);
    expect(schemaErrors(stubs)).toEqual([]);
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
