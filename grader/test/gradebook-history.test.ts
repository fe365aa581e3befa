/**
 * The gradebook's history and deadlines, without grading anything (fast): the late policy, the SQLite
 * history and its diff, the LMS exports, collect with a deadline, the pass rates, the findings regrade
 * reports beside its grade, and snapshots of real local git repositories read with `git ls-remote`.
 * The slow part (regrade grading the snapshot's commits) is in gradebook.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { collect } from '../teacher/gradebook/collect.ts';
import { collectCommand, gradebookCommand, parsePolicy, snapshotCommand, UsageError } from '../teacher/gradebook/commands.ts';
import { historyFindings, protectedFileFindings } from '../teacher/gradebook/findings.ts';
import { diffTotals, GradebookHistory } from '../teacher/gradebook/history.ts';
import { applyLatePolicy, cutOff, judge, parseExtension, type LatePolicy } from '../teacher/gradebook/late.ts';
import { lmsCsv } from '../teacher/gradebook/lms.ts';
import { compareSubmitTags, parseLsRemote, readSnapshot, snapshotCommit } from '../teacher/gradebook/snapshot.ts';
import { gradebookStats } from '../teacher/gradebook/stats.ts';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { sampleReport, writeSampleClass } from './gradebook-samples.ts';

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `seqlab-history-${prefix}-`));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs a command with console.log captured; returns what it printed. */
async function quietly(work: () => Promise<void>): Promise<string> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await work();
    return log.mock.calls.map((c) => String(c[0])).join('\n');
  } finally {
    log.mockRestore();
  }
}

const MAX = COURSE.reduce((sum, e) => sum + e.points, 0);
const DEADLINE = new Date('2026-12-01T12:00:00Z');
const policy = (over: Partial<LatePolicy> = {}): LatePolicy => ({ deadline: DEADLINE, graceMinutes: 0, penaltyPerDay: 0, maxLateDays: 0, ...over });
const at = (iso: string): Date => new Date(iso);

describe('late policy', () => {
  test('grace, started days late, the penalty and the cut-off', () => {
    const p = policy({ graceMinutes: 15, penaltyPerDay: 10, maxLateDays: 2 });
    expect(judge(p, at('2026-12-01T12:00:00Z'))).toMatchObject({ lateness: { lateDays: 0, penaltyPercent: 0 } });
    expect(judge(p, at('2026-12-01T12:15:00Z'))).toMatchObject({ lateness: { lateDays: 0 } });
    expect(judge(p, at('2026-12-01T12:15:01Z'))).toMatchObject({ lateness: { lateDays: 1, penaltyPercent: 10 } });
    expect(judge(p, at('2026-12-02T12:00:01Z'))).toMatchObject({ lateness: { lateDays: 2, penaltyPercent: 20 } });
    expect(cutOff(p).toISOString()).toBe('2026-12-03T12:15:00.000Z');
    expect(judge(p, at('2026-12-03T12:15:00Z'))).toMatchObject({ lateness: { lateDays: 3, penaltyPercent: 30 } });
    expect(judge(p, at('2026-12-03T12:15:01Z'))).toEqual({ refused: expect.stringMatching(/after the cut-off 2026-12-03T12:15:00.000Z \(due 2026-12-01T12:00:00.000Z \+ 15 min grace \+ 2 late day\(s\)\)/) });
    // Only a deadline: nothing late is accepted.
    expect(judge(policy(), at('2026-12-01T12:00:01Z'))).toHaveProperty('refused');
    expect(judge(policy({ penaltyPerDay: 60, maxLateDays: 5 }), at('2026-12-03T12:00:00Z'))).toMatchObject({ lateness: { lateDays: 2, penaltyPercent: 100 } });
  });

  test('extensions shift the due time or replace it; anything else is refused', () => {
    expect(judge(policy(), at('2026-12-03T11:00:00Z'), parseExtension('+2d'))).toMatchObject({ lateness: { lateDays: 0, dueAt: '2026-12-03T12:00:00.000Z' } });
    expect(judge(policy(), at('2026-12-02T00:00:00Z'), parseExtension('+12h'))).toMatchObject({ lateness: { lateDays: 0 } });
    expect(judge(policy(), at('2026-12-05T00:00:00Z'), parseExtension('2026-12-05T00:00:00+00:00'))).toMatchObject({ lateness: { lateDays: 0 } });
    for (const bad of ['2d', '+2w', '2026-12-05', 'soon']) expect(() => parseExtension(bad), bad).toThrow(/neither/);
  });

  test('applied to rows: the final total, and a row refused or without a time loses its grade with the reason', () => {
    const dir = tempDir('late');
    writeSampleClass(dir);
    const rows = collect(dir).filter((r) => ['ana', 'ben', 'finn'].includes(r.student));
    rows[0]!.submittedAt = '2026-12-02T13:00:00Z'; // ana: 2 days late
    rows[1]!.submittedAt = undefined; // ben: a report without gradedAt
    const judged = applyLatePolicy(rows, policy({ penaltyPerDay: 12.5, maxLateDays: 3 }));
    expect(judged[0]).toMatchObject({ student: 'ana', total: 124, final: 93, lateness: { lateDays: 2, penaltyPercent: 25 } });
    expect(judged[1]).toMatchObject({ student: 'ben', scores: {}, reason: 'the report has no gradedAt: its lateness cannot be judged' });
    expect(judged[1]!.total).toBeUndefined();
    expect(judged[2]).toEqual(rows[2]); // finn had no grade to judge
    expect(applyLatePolicy(rows, policy())[0]).toMatchObject({ reason: expect.stringMatching(/^late: submitted 2026-12-02T13:00:00.000Z, after the cut-off/), commit: undefined });
  });

  test('the options: companions need --deadline, bounds are checked', () => {
    expect(parsePolicy({ deadline: '2026-12-01T12:00:00Z', 'grace-min': '10', 'penalty-per-day': '5', 'late-days': '3' }, 'u')).toEqual(policy({ graceMinutes: 10, penaltyPerDay: 5, maxLateDays: 3 }));
    expect(parsePolicy({}, 'u')).toBeUndefined();
    expect(() => parsePolicy({ 'late-days': '2' }, 'u')).toThrow(/--late-days needs --deadline/);
    expect(() => parsePolicy({ deadline: '2026-12-01T12:00:00Z', 'penalty-per-day': '150' }, 'u')).toThrow(/at most 100/);
    expect(() => parsePolicy({ deadline: '2026-12-01T12:00:00Z', 'late-days': '1.5' }, 'u')).toThrow(/whole number/);
    expect(() => parsePolicy({ deadline: '2026-12-01T12:00:00Z', 'grace-min': '-1' }, 'u')).toThrow(UsageError);
  });
});

describe('history, diff and LMS exports', () => {
  test('runs survive a reopen; diff lists changed totals, grades gained and lost', async () => {
    const file = join(tempDir('db'), 'sub', 'gradebook.sqlite');
    const first = await GradebookHistory.open(file);
    const rowsA = [
      { student: 'ana', scores: {}, findings: [], total: 10, max: 20 },
      { student: 'ben', scores: {}, findings: [], total: 5, max: 20 },
      { student: 'cleo', scores: {}, findings: [], reason: 'no report folder' },
    ];
    expect(first.addRun({ kind: 'collect', source: 'reports', createdAt: at('2026-12-01T00:00:00Z') }, rowsA)).toBe(1);
    first.save();
    first.close();
    const second = await GradebookHistory.open(file);
    const rowsB = [
      { student: 'ana', scores: {}, findings: [], total: 10, max: 20 },
      { student: 'ben', scores: {}, findings: [], total: 20, max: 20, final: 15 },
      { student: 'cleo', scores: {}, findings: [], total: 4, max: 20 },
    ];
    expect(second.addRun({ kind: 'regrade', source: 'roster.tsv', policy: policy() }, rowsB)).toBe(2);
    second.save();
    expect(second.runs().map((r) => [r.id, r.kind, r.students, r.graded])).toEqual([[1, 'collect', 3, 2], [2, 'regrade', 3, 3]]);
    expect(second.run(2).policy).toEqual(policy());
    expect(second.rows(1)).toEqual(rowsA);
    expect(diffTotals(second.rows(1), second.rows(2))).toEqual([
      { student: 'ben', before: 5, after: 15 },
      { student: 'cleo', after: 4, reasonBefore: 'no report folder' },
    ]);
    expect(diffTotals(rowsB, rowsB.slice(0, 2))).toEqual([{ student: 'cleo', before: 4, reasonAfter: 'not in the run' }]);
    expect(() => second.rows(7)).toThrow(/has no run 7 \(runs: 1, 2\)/);
    second.close();
  });

  test('a file that is not a database is refused with its name', async () => {
    const file = join(tempDir('bad'), 'x.sqlite');
    writeFileSync(file, 'this is not an SQLite database, just text long enough to have a header page'.repeat(20));
    await expect(GradebookHistory.open(file)).rejects.toThrow(/x\.sqlite is not a seqlab gradebook database/);
  });

  test('Canvas and Moodle import files: the total that counts, students without a grade left out', () => {
    const rows = [
      { student: 'ana', scores: {}, findings: [], total: 124, max: MAX, integrity: 'ok' as const },
      { student: 'ben', scores: {}, findings: [], total: 80, max: MAX, final: 64, integrity: 'flagged' as const, lateness: { dueAt: '', submittedAt: '', lateDays: 2, penaltyPercent: 20 } },
      { student: 'cleo', scores: {}, findings: [], reason: 'no report folder' },
    ];
    expect(lmsCsv('canvas', rows, 'seqlab (1234)')).toEqual({
      csv: `Student,ID,SIS User ID,SIS Login ID,Section,seqlab (1234)\n    Points Possible,,,,,${MAX}\nana,,,ana,,124\nben,,,ben,,64\n`,
      left: ['cleo'],
    });
    expect(lmsCsv('moodle', rows, 'seqlab').csv).toBe('Username,seqlab,Feedback\nana,124,\nben,64,"2 day(s) late, −20 %; integrity flagged"\n');
  });
});

describe('collect with a deadline, then the history commands', () => {
  test('late CI reports are penalised or refused by gradedAt; extensions come from the roster; diff and export read the runs', async () => {
    const dir = tempDir('collect');
    const reports = join(dir, 'reports');
    const report = (student: string, gradedAt: string, points: number[]) => {
      mkdirSync(join(reports, student), { recursive: true });
      writeFileSync(join(reports, student, 'grade-report.json'), JSON.stringify(sampleReport(points, { gradedAt })));
    };
    report('ana', '2026-12-01T11:00:00Z', [17]); // on time
    report('ben', '2026-12-01T12:10:00Z', [17, 41]); // in the grace period
    report('cleo', '2026-12-02T18:00:00Z', [17, 41, 17]); // 2 days late: −20 %
    report('dan', '2026-12-05T12:00:00Z', [17, 41, 17, 30]); // past the cut-off
    report('eve', '2026-12-04T12:00:00Z', [10]); // late, but her extension runs to 12-05
    writeFileSync(join(dir, 'roster.tsv'), 'ana\t/x/ana\nben\t/x/ben\ncleo\t/x/cleo\ndan\t/x/dan\neve\t/x/eve\t2026-12-05T00:00:00Z\n');
    const db = join(dir, 'gradebook.sqlite');
    const out = join(dir, 'book');
    const args = ['--reports', reports, '--out', out, '--roster', join(dir, 'roster.tsv'), '--db', db, '--deadline', '2026-12-01T12:00:00Z', '--grace-min', '15', '--penalty-per-day', '10', '--late-days', '3'];
    const printed = await quietly(() => collectCommand(args));
    expect(printed).toContain('5 student(s): 4 graded, 0 flagged, 1 without a grade, 1 late');
    expect(printed).toMatch(/Gradebook run 1: .*\(due 2026-12-01T12:00:00.000Z \+ 15 min grace; late work accepted for 3 day\(s\), −10 % per started day\)/);
    const csv = readFileSync(join(out, 'gradebook.csv'), 'utf8').split('\n');
    const column = (name: string) => csv[0]!.split(',').indexOf(name);
    const cell = (line: number, name: string) => csv[line]!.split(',')[column(name)];
    expect([1, 2, 3, 5].map((line) => [cell(line, 'student'), cell(line, 'late_days'), cell(line, 'penalty_percent'), cell(line, 'final')])).toEqual([
      ['ana', '0', '0', '17'],
      ['ben', '0', '0', '58'],
      ['cleo', '2', '20', '60'],
      ['eve', '0', '0', '10'],
    ]);
    expect(csv[4]).toMatch(/^dan,.*late: submitted 2026-12-05T12:00:00.000Z, after the cut-off 2026-12-04T12:15:00.000Z/);
    const html = readFileSync(join(out, 'gradebook.html'), 'utf8');
    expect(html).toContain('2 d late, −20 %');
    expect(html).toContain('Late policy: due 2026-12-01 12:00 UTC + 15 min grace');

    // A second collect after cleo's report was regraded on time: the diff names her alone.
    report('cleo', '2026-12-01T10:00:00Z', [17, 41, 17]);
    await quietly(() => collectCommand(args));
    expect(await quietly(() => gradebookCommand(['runs', '--db', db]))).toMatch(/^1\tcollect\t.*5 student\(s\), 4 graded.*\n2\tcollect\t/);
    expect(await quietly(() => gradebookCommand(['diff', '--db', db]))).toBe('Run 1 → run 2: 1 total(s) changed\ncleo\t60 → 75');
    expect(await quietly(() => gradebookCommand(['diff', '--db', db, '--from', '2', '--to', '2']))).toBe('Run 2 → run 2: 0 total(s) changed');
    await quietly(() => gradebookCommand(['export', '--db', db, '--format', 'canvas', '--run', '1', '--out', join(dir, 'canvas.csv')]));
    expect(readFileSync(join(dir, 'canvas.csv'), 'utf8')).toBe(`Student,ID,SIS User ID,SIS Login ID,Section,seqlab\n    Points Possible,,,,,${MAX}\nana,,,ana,,17\nben,,,ben,,58\ncleo,,,cleo,,60\neve,,,eve,,10\n`);
    await quietly(() => gradebookCommand(['show', '--db', db, '--run', '1', '--out', join(dir, 'run1')]));
    expect(readFileSync(join(dir, 'run1', 'gradebook.csv'), 'utf8')).toBe(csv.join('\n'));
    await expect(gradebookCommand(['export', '--db', db, '--format', 'blackboard', '--out', join(dir, 'x.csv')])).rejects.toThrow(/--format is one of canvas, moodle/);
    await expect(gradebookCommand(['diff', '--db', db, '--from', '9'])).rejects.toThrow(/has no run 9/);
    await expect(gradebookCommand(['diff', '--db', join(dir, 'empty.sqlite')])).rejects.toThrow(/no run yet/);
    await expect(gradebookCommand(['frobnicate', '--db', db])).rejects.toThrow(/unknown gradebook command 'frobnicate'/);
  });
});

describe('pass rates and never-started students', () => {
  test('hidden tests the least passed first; a report failing only on TODO stubs is never started', () => {
    const dir = tempDir('stats');
    writeSampleClass(dir);
    const stats = gradebookStats(collect(dir));
    // Graded: ana, ben, cleo, eve, hana, ivo, jo; full marks on 03-gradient-flow: ana, cleo, ivo, jo.
    expect(stats.hiddenTests.find((t) => t.exercise === '03-gradient-flow')).toEqual({ exercise: '03-gradient-flow', name: '03-gradient-flow hidden suite', passed: 4, count: 7 });
    expect(stats.hiddenTests[0]).toMatchObject({ passed: 0, count: 7 });
    const rates = stats.hiddenTests.map((t) => t.passed / t.count);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(stats.exercises.find((e) => e.id === '01-rnn-forward')).toMatchObject({ fullMarks: 5, count: 7 });
    expect(stats.neverStarted.map((r) => r.student)).toEqual(['eve']);
  });
});

describe('what regrade reports beside the trusted grade', () => {
  test('edited, removed and added test files against the course copies', () => {
    const checkout = tempDir('checkout');
    cpSync(join(REPO_ROOT, 'exercises'), join(checkout, 'exercises'), { recursive: true });
    expect(protectedFileFindings(checkout)).toEqual([]);
    writeFileSync(join(checkout, 'exercises/01-rnn-forward/rnn-forward.test.ts'), '// every test passes now\n');
    rmSync(join(checkout, 'exercises/02-bptt/fixtures.json'));
    writeFileSync(join(checkout, 'exercises/04-lstm/extra.test.ts'), '');
    writeFileSync(join(checkout, 'exercises/04-lstm/notes.md'), 'a student may add notes');
    expect(protectedFileFindings(checkout)).toEqual([
      "exercises/01-rnn-forward/rnn-forward.test.ts: changed (protected file; graded with the course's copy)",
      'exercises/02-bptt/fixtures.json: missing (protected file removed)',
      'exercises/04-lstm/extra.test.ts: added test file (not run by the grader)',
    ]);
  });

  test('commit dates before a parent or in the future are flagged', () => {
    const now = at('2026-12-10T00:00:00Z');
    const t = (iso: string) => Date.parse(iso) / 1000;
    const commits = [
      { commit: 'c'.repeat(40), time: t('2026-11-30T00:00:00Z'), parents: ['b'.repeat(40)] }, // backdated below its parent
      { commit: 'b'.repeat(40), time: t('2026-12-02T00:00:00Z'), parents: ['a'.repeat(40)] },
      { commit: 'a'.repeat(40), time: t('2026-11-01T00:00:00Z'), parents: [] },
    ];
    expect(historyFindings(commits, now)).toEqual([`commit cccccccccccc is dated 2026-11-30T00:00:00.000Z, before its parent bbbbbbbbbbbb (2026-12-02T00:00:00.000Z): its date may be forged`]);
    expect(historyFindings([{ commit: 'd'.repeat(40), time: t('2026-12-10T00:10:00Z'), parents: [] }], now)).toEqual([`commit dddddddddddd is dated 2026-12-10T00:10:00.000Z, in the future: its date may be forged`]);
    expect(historyFindings([{ commit: 'd'.repeat(40), time: t('2026-12-10T00:04:00Z'), parents: [] }], now)).toEqual([]);
    const many = Array.from({ length: 8 }, (_, i) => ({ commit: String(i).repeat(40), time: t('2027-01-01T00:00:00Z'), parents: [] }));
    expect(historyFindings(many, now).at(-1)).toBe('… and 3 more commit date finding(s)');
  });
});

describe('snapshots', () => {
  test('ls-remote output: HEAD, submit tags peeled and in Classroom 50 time order', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => x.repeat(40));
    const output = [
      `${a}\tHEAD`,
      `${b}\trefs/tags/submit/2026-12-01T10-00-00Z-bbbbbbb`,
      `${c}\trefs/tags/submit/2026-11-30T09-00-00Z-ccccccc`,
      `${d}\trefs/tags/submit/by-hand`,
      `${a}\trefs/tags/submit/by-hand^{}`,
    ].join('\n');
    expect(parseLsRemote(output)).toEqual({
      head: a,
      submitTags: [
        { name: 'submit/by-hand', commit: a },
        { name: 'submit/2026-11-30T09-00-00Z-ccccccc', commit: c },
        { name: 'submit/2026-12-01T10-00-00Z-bbbbbbb', commit: b },
      ],
    });
    expect(compareSubmitTags('submit/a', 'submit/b')).toBeLessThan(0);
  });

  test('snapshot reads local repositories without cloning; a bad source and an empty repository are entries with the reason', async () => {
    const dir = tempDir('snap');
    const repo = join(dir, 'ana');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=S', '-c', 'user.email=s@example.com', ...args]).toString().trim();
    writeFileSync(join(repo, 'a.txt'), '1');
    git('add', '-A');
    git('commit', '-q', '-m', 'one');
    const first = git('rev-parse', 'HEAD');
    git('tag', '-a', '-m', 'submitted', 'submit/2026-12-01T10-00-00Z-aaaaaaa');
    writeFileSync(join(repo, 'a.txt'), '2');
    git('commit', '-q', '-am', 'two');
    const head = git('rev-parse', 'HEAD');
    execFileSync('git', ['init', '-q', '-b', 'main', join(dir, 'ben')]);
    writeFileSync(join(dir, 'roster.tsv'), `ana\tfile://${repo}\nben\tben\ncleo\t${join(dir, 'missing')}\n`);
    const out = join(dir, 'snap', 'snapshot.json');
    const printed = await quietly(() => snapshotCommand(['--repos', join(dir, 'roster.tsv'), '--out', out]));
    expect(printed).toMatch(/Snapshot of 3 repositories at .* \(1 not read: they will have no grade\)/);
    const snapshot = readSnapshot(out);
    expect(snapshot.entries).toEqual([
      { student: 'ana', head, submitTags: [{ name: 'submit/2026-12-01T10-00-00Z-aaaaaaa', commit: first }] },
      { student: 'ben', submitTags: [] },
      { student: 'cleo', submitTags: [], error: expect.stringMatching(/does not appear to be a git repository/) },
    ]);
    expect(snapshotCommit(snapshot, 'ana', 'head')).toEqual({ commit: head, ref: 'HEAD' });
    expect(snapshotCommit(snapshot, 'ana', 'submit-tag')).toEqual({ commit: first, ref: 'submit/2026-12-01T10-00-00Z-aaaaaaa' });
    expect(snapshotCommit(snapshot, 'ben', 'head')).toEqual({ error: `the repository had no commit at the snapshot of ${snapshot.takenAt}` });
    expect(snapshotCommit(snapshot, 'ben', 'submit-tag')).toEqual({ error: `no submit/* tag at the snapshot of ${snapshot.takenAt}` });
    expect(snapshotCommit(snapshot, 'zoe', 'head')).toEqual({ error: `not in the snapshot of ${snapshot.takenAt}` });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...snapshot, entries: [{ student: 'x', head: 'main', submitTags: [] }] }));
    expect(() => readSnapshot(join(dir, 'bad.json'))).toThrow(/not a seqlab snapshot: x: 'head' is not a commit id/);
    expect(existsSync(join(dir, 'ben', '.git'))).toBe(true);
  });
});
