import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { classroomResult, encodeClassroomResult, pointsAnnotation } from '../formats/classroom.ts';
import { gradescopeResults } from '../formats/gradescope.ts';
import { reportMarkdown } from '../formats/markdown.ts';
import { publishToGitHub, REPORT_FILES, writeReportFiles } from '../formats/write.ts';
import { COURSE } from '../manifest.ts';
import { REPO_ROOT } from '../paths.ts';
import { buildReport } from '../report.ts';

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

test('Gradescope results: hidden tests visible only after publication', () => {
  const results = gradescopeResults(report);
  expect(results.score).toBe(2);
  expect(results.tests.map((t) => [t.status, t.visibility, t.max_score])).toEqual([
    ['passed', 'visible', 2],
    ['failed', 'visible', 1],
    ['failed', 'after_published', first.points - 3],
  ]);
});

test('Classroom result: the autograding schema, base64-encoded', () => {
  const decoded = JSON.parse(Buffer.from(encodeClassroomResult(report), 'base64').toString()) as ReturnType<typeof classroomResult>;
  expect(decoded).toEqual(classroomResult(report));
  expect(decoded).toMatchObject({ version: 1, status: 'error', max_score: first.points });
  expect(decoded.tests.map((t) => [t.status, t.score])).toEqual([['pass', 2], ['fail', 0], ['error', 0]]);
  expect(pointsAnnotation(report)).toBe(`::notice title=Autograding complete::Points 2/${first.points}`);
});

test('writeReportFiles writes every format beside grade-report.json', () => {
  writeReportFiles(report, dir);
  expect(JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8'))).toEqual(report);
  expect(readFileSync(join(dir, REPORT_FILES.markdown), 'utf8')).toBe(reportMarkdown(report));
  expect(JSON.parse(readFileSync(join(dir, REPORT_FILES.gradescope), 'utf8'))).toEqual(gradescopeResults(report));
  expect(readFileSync(join(dir, REPORT_FILES.classroom), 'utf8').trim()).toBe(encodeClassroomResult(report));
});

describe('inside GitHub Actions (simulated environment files)', () => {
  test('appends the summary and the step outputs, and prints the points annotation', () => {
    const summary = join(dir, 'summary.md');
    const output = join(dir, 'output.txt');
    writeFileSync(summary, 'earlier step\n');
    writeFileSync(output, '');
    const printed = publishToGitHub(report, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output });
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${reportMarkdown(report)}`);
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(JSON.parse(Buffer.from(outputs.result!, 'base64').toString())).toEqual(classroomResult(report));
    expect(outputs).toMatchObject({ score: '2', 'max-score': String(first.points) });
    expect(printed).toEqual([pointsAnnotation(report)]);
  });
  test('outside Actions it writes and prints nothing', () => {
    expect(publishToGitHub(report, {})).toEqual([]);
  });
});
