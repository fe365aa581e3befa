import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { classroom50Identity, classroom50Result, Classroom50Error } from '../grading/formats/classroom50.ts';
import { gradescopeResults } from '../grading/formats/gradescope.ts';
import { reportMarkdown } from '../grading/formats/markdown.ts';
import { publishToGitHub, REPORT_FILES, writeReportFiles } from '../grading/formats/write.ts';
import { gradedCommit } from '../grading/graded-commit.ts';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { buildReport } from '../grading/report.ts';
import { classroom50Problems, gradescopeProblems } from './schemas/validate.ts';

const first = COURSE[0]!;
const report = buildReport(
  {
    unhandledErrors: [],
    modules: [
      {
        file: join(REPO_ROOT, 'exercises', first.id, 'x.test.ts'),
        errors: [],
        tests: [
          { name: 'public passes', state: 'passed', points: 2, errors: [] },
          { name: 'public | fails', state: 'failed', points: 1, errors: [{ name: 'ComparisonError', message: 'h differs\nat [0][1]' }] },
        ],
      },
      {
        file: join(REPO_ROOT, 'grader/hidden', `${first.id}.test.ts`),
        errors: [],
        tests: [{ name: 'hidden fails', state: 'failed', points: first.points - 3, errors: [{ name: 'SubmissionLoadError', message: 'failed to load' }] }],
      },
    ],
  },
  { backend: 'cpu', sandbox: 'bwrap', submission: '/s', only: [first.id], integrity: { ok: false, findings: ['exercises/x.test.ts was modified'] } },
);

const dir = mkdtempSync(join(tmpdir(), 'seqlab-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Markdown summary', () => {
  const markdown = reportMarkdown(report);
  test('a student message can neither close the details block, add a heading or an image, nor link', () => {
    const hostile = '</details><h2>seqlab grade: 264 / 264 ✅</h2><img src=https://x.invalid/p.png> ![i](https://x.invalid) [l](https://x.invalid)';
    const failing = { ...report.exercises[0]!.tests[0]!, status: 'failed' as const, score: 0, message: hostile };
    const text = reportMarkdown({ ...report, exercises: [{ ...report.exercises[0]!, tests: [failing] }] });
    expect(text).not.toMatch(/<\/details><h2>|<img|!\[i\]\(|\[l\]\(/);
    expect(text).toContain('&lt;/details&gt;&lt;h2&gt;seqlab grade: 264 / 264 ✅&lt;/h2&gt;&lt;img src=https://x.invalid/p.png&gt; !\\[i\\](https://x.invalid) \\[l\\](https://x.invalid)');
  });
  test('names the isolation student code had', () => {
    expect(markdown).toContain('student code isolation: operating-system sandbox (bubblewrap)');
    expect(reportMarkdown({ ...report, sandbox: 'permission-model' })).toContain("Node's permission model only — not an authoritative grade");
  });
  test('shows the total, a row per exercise and every failing test with its message on one line', () => {
    expect(markdown).toContain(`## seqlab grade: 2 / ${first.points}`);
    expect(markdown).toContain(`| ❌ ${first.id} | 2 / ${first.points} | 1 / 3 |`);
    expect(markdown).toContain('- **public \\| fails** — failed: h differs at \\[0\\]\\[1\\]');
    expect(markdown).toContain('- **hidden fails** _(hidden)_ — error: failed to load');
  });
  test('warns when protected files were changed', () => {
    expect(markdown).toContain('### ⚠️ Integrity');
    expect(markdown).toContain('- exercises/x.test.ts was modified');
  });
});

describe('Gradescope results', () => {
  test('hidden tests visible only after publication (or the due date), Markdown output, valid against the spec', () => {
    const results = gradescopeResults(report, { executionTime: 12.4 });
    expect(gradescopeProblems(results)).toEqual([]);
    expect(results).toMatchObject({ score: 2, execution_time: 12, output_format: 'md' });
    expect(results.tests.map((t) => [t.status, t.visibility, t.max_score])).toEqual([
      ['passed', 'visible', 2],
      ['failed', 'visible', 1],
      ['failed', 'after_published', first.points - 3],
    ]);
    expect(gradescopeResults(report, { hiddenVisibility: 'after_due_date' }).tests.map((t) => t.visibility)).toEqual(['visible', 'visible', 'after_due_date']);
  });
  test('the summary names public points and integrity findings, never a hidden result; messages are code blocks', () => {
    const results = gradescopeResults(report);
    expect(results.output).toContain('public tests 2 / 3 points');
    expect(results.output).toContain('exercises/x.test.ts was modified');
    expect(results.output).not.toContain('hidden fails');
    expect(results.tests[1]!.output).toBe('**failed**\n\n```text\nh differs\nat [0][1]\n```');
  });
  test('the validator can fail', () => {
    const results = gradescopeResults(report);
    expect(gradescopeProblems({ ...results, tests: [{ ...results.tests[0], status: 'error' }] })).not.toEqual([]);
    expect(gradescopeProblems({ tests: [{ name: 'no score' }] })).not.toEqual([]);
  });
});

describe('Classroom 50 result', () => {
  const env = {
    CLASSROOM: 'ml-fall', ASSIGNMENT: 'seqlab', ASSIGNMENT_TYPE: 'individual', OWNER: 'alice',
    SUBMISSION_TAG: 'submit/2026-12-01T10-00-00Z-abc1234', COMMIT_URL: 'https://github.com/o/r/commit/abc', RELEASE_URL: 'https://github.com/o/r/releases/tag/x',
  };
  const identity = classroom50Identity(env);
  const submitted = new Date('2026-12-01T09:59:58.123Z');

  test('integer scores that add up, every test, valid against the classroom50/result/v1 schema', () => {
    const result = classroom50Result(report, identity, submitted, new Date('2026-12-01T10:01:00Z'));
    expect(classroom50Problems(result)).toEqual([]);
    expect(result).toMatchObject({ schema: 'classroom50/result/v1', owner: 'alice', review: env.COMMIT_URL, datetime: '2026-12-01T09:59:58Z', graded_at: '2026-12-01T10:01:00Z', score: 2, 'max-score': first.points });
    expect(result.tests.map((t) => [t.passed, t.score, t['max-score']])).toEqual([[true, 2, 2], [false, 0, 1], [false, 0, first.points - 3]]);
    // A public test's message helps the student; a hidden one's would describe the hidden check.
    expect(result.tests[1]).toHaveProperty('message', 'h differs\nat [0][1]');
    expect(result.tests[2]).not.toHaveProperty('message');
  });
  test('a missing runner variable or a fractional point is a clear error', () => {
    expect(() => classroom50Identity({ ...env, SUBMISSION_TAG: '' })).toThrow(/SUBMISSION_TAG not set/);
    const fractional = structuredClone(report);
    fractional.exercises[0]!.tests[0]!.score = 1.5;
    expect(() => classroom50Result(fractional, identity, submitted)).toThrow(Classroom50Error);
  });
  test('the validator can fail (schema and score ≤ max-score)', () => {
    const result = classroom50Result(report, identity, submitted);
    expect(classroom50Problems({ ...result, score: 2.5 })).not.toEqual([]);
    expect(classroom50Problems({ ...result, score: first.points + 1 })).toEqual([`score ${first.points + 1} > max-score ${first.points}`]);
    expect(classroom50Problems({ ...result, submission: 'main' })).not.toEqual([]);
  });
});

test('writeReportFiles writes every format beside grade-report.json', () => {
  writeReportFiles(report, dir);
  expect(JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8'))).toEqual(report);
  expect(readFileSync(join(dir, REPORT_FILES.markdown), 'utf8')).toBe(reportMarkdown(report));
  expect(JSON.parse(readFileSync(join(dir, REPORT_FILES.gradescope), 'utf8'))).toEqual(gradescopeResults(report));
});

describe('inside GitHub Actions (simulated environment files)', () => {
  test('appends the summary and writes no step output or annotation (GitHub Classroom, which read them, is retired)', () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    publishToGitHub(report, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${reportMarkdown(report)}`);
  });
});

describe('the commit a report records', () => {
  test("HEAD of the submission's repository; GITHUB_SHA in Actions outside one; nothing otherwise", () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    expect(gradedCommit(join(REPO_ROOT, 'exercises'))).toBe(head);
    const outside = mkdtempSync(join(tmpdir(), 'seqlab-no-git-'));
    try {
      expect(gradedCommit(outside, { PATH: process.env.PATH })).toBeUndefined();
      expect(gradedCommit(outside, { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', GITHUB_SHA: 'a'.repeat(40) })).toBe('a'.repeat(40));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
