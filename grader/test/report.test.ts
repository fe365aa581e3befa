import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { buildReport, classifyTestFile } from '../grading/report.ts';
import type { ModuleOutcome, RunOutcome } from '../grading/results.ts';
import { formatReportTable } from '../grading/table.ts';
import { schemaErrors } from './report-schema.ts';

const first = COURSE[0]!;
const publicFile = join(REPO_ROOT, 'exercises', first.id, 'x.test.ts');
const hiddenFile = join(REPO_ROOT, 'grader/hidden', `${first.id}.test.ts`);
const context = { backend: 'cpu', sandbox: 'bwrap' as const, submission: '/tmp/s', only: [first.id] };

function run(...modules: ModuleOutcome[]): RunOutcome {
  return { modules, unhandledErrors: [] };
}

describe('buildReport', () => {
  test('scores passed tests with their points and nothing else', () => {
    const report = buildReport(
      run({
        file: publicFile,
        errors: [],
        tests: [
          { name: 'a', state: 'passed', points: first.points - 1, errors: [] },
          { name: 'b', state: 'failed', points: 1, errors: [{ name: 'ComparisonError', message: 'h differs' }] },
        ],
      }),
      context,
    );
    expect(report.score).toBe(first.points - 1);
    expect(report.maxScore).toBe(first.points);
    expect(report.exercises[0]!.tests[1]).toMatchObject({ status: 'failed', score: 0, message: 'h differs', hidden: false });
    expect(schemaErrors(report)).toEqual([]);
  });

  test('student text in messages loses escapes and control characters and is capped', () => {
    const hostile = `\u001b[2J\u001b]8;;https://x.invalid\u0007link\u001b]8;;\u0007 a\rb\u202e${'A'.repeat(5000)}`;
    const report = buildReport(run({ file: publicFile, errors: [], tests: [{ name: 'a', state: 'failed', points: first.points, errors: [{ name: 'Error', message: hostile }] }] }), context);
    const { message } = report.exercises[0]!.tests[0]!;
    expect(message).toMatch(/^link abA{1990,}… \(\d+ more characters\)$/);
    expect(schemaErrors(report)).toEqual([]);
    expect(schemaErrors({ ...report, sandbox: 'docker' })).toEqual(['/sandbox must be equal to one of the allowed values']);
  });

  test('a module that failed to load makes its tests errors, with the load error', () => {
    const report = buildReport(
      run({
        file: hiddenFile,
        errors: [],
        tests: [{ name: 'a', state: 'failed', points: first.points, errors: [{ name: 'SubmissionLoadError', message: 'failed to load: Unexpected token' }] }],
      }),
      context,
    );
    expect(report.exercises[0]!.tests[0]).toMatchObject({ status: 'error', hidden: true, message: 'failed to load: Unexpected token' });
  });

  test('a suite that crashed keeps the points it promised in maxScore', () => {
    const report = buildReport(run({ file: publicFile, errors: [{ name: 'Error', message: 'worker exited' }], tests: [] }), context);
    expect(report.exercises[0]!.maxScore).toBe(first.points);
    expect(report.exercises[0]!.tests).toEqual([
      expect.objectContaining({ status: 'error', score: 0, maxScore: first.points, message: 'worker exited' }),
    ]);
  });

  test('an exercise with no results at all still appears, worth its points, scored 0', () => {
    const report = buildReport(run(), { backend: 'cpu', sandbox: 'bwrap', submission: '/tmp/s' });
    expect(report.exercises.map((e) => e.id)).toEqual(COURSE.map((e) => e.id));
    expect(report.score).toBe(0);
    expect(report.maxScore).toBe(COURSE.reduce((sum, e) => sum + e.points, 0));
  });

  test('TODO errors read as "not implemented yet", and colour codes are stripped', () => {
    const report = buildReport(
      run({ file: publicFile, errors: [], tests: [{ name: 'a', state: 'failed', points: first.points, errors: [{ name: 'Error', message: '\u001b[31mTODO: implement f. Hint: h\u001b[39m' }] }] }),
      context,
    );
    expect(report.exercises[0]!.tests[0]!.message).toBe('not implemented yet — TODO: implement f. Hint: h');
  });

  test('the table shows every exercise and the total', () => {
    const table = formatReportTable(buildReport(run(), { backend: 'wasm', sandbox: 'bwrap', submission: '/tmp/s' }));
    for (const { id } of COURSE) expect(table).toContain(id);
    expect(table).toMatch(/Total 0\/\d+ +\(reference backend: wasm/);
  });
});

test('classifyTestFile knows public and hidden suites and nothing else', () => {
  expect(classifyTestFile(publicFile)).toEqual({ id: first.id, hidden: false });
  expect(classifyTestFile(hiddenFile)).toEqual({ id: first.id, hidden: true });
  expect(classifyTestFile(join(REPO_ROOT, 'grader/test/report.test.ts'))).toBeUndefined();
});
