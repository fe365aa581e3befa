/**
 * The teacher's gradebook: rosters, report validation, collect → exact CSV rows, the page's content and the
 * CLI's usage errors. Regrade over real git repositories is gradebook-regrade.slow.test.ts (`npm run
 * test:slow`); the fast parts of the history and deadlines are in gradebook-history.test.ts.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { collect, reportProblem, rowFromFolder } from '../teacher/gradebook/collect.ts';
import { collectCommand, parseDeadline, shardCommand, UsageError } from '../teacher/gradebook/commands.ts';
import { gradebookCsv } from '../teacher/gradebook/csv.ts';
import { gradebookHtml } from '../teacher/gradebook/html.ts';
import { gitDate, gitEnv, redact, regrade } from '../teacher/gradebook/regrade.ts';
import { formatRoster, parseRoster, RosterError, splitRoster, unsafeStudentId } from '../teacher/gradebook/roster.ts';
import { SAMPLE_COMMIT, SAMPLE_FINDING, sampleReport, writeSampleClass } from './gradebook-samples.ts';
import { histogram } from '../teacher/gradebook/stats.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { after, cells, HEADER, MAX, noGrade, removeTempDirs, tempDir } from './gradebook-rows.ts';

const runFile = promisify(execFile);
afterAll(removeTempDirs);

describe('roster', () => {
  test('reads ids and sources, skips comments and blank lines, resolves paths against its folder', () => {
    const text = '# class of 2026\nana\thttps://github.com/org/ana-seqlab\n\nben\t../repos/ben\ncleo\tgit@github.com:org/cleo.git\r\ndan\t/abs/dan\n';
    expect(parseRoster(text, '/teacher/rosters')).toEqual([
      { student: 'ana', source: 'https://github.com/org/ana-seqlab' },
      { student: 'ben', source: '/teacher/repos/ben' },
      { student: 'cleo', source: 'git@github.com:org/cleo.git' },
      { student: 'dan', source: '/abs/dan' },
    ]);
  });

  test('rejects ids that are not safe folder names, repeated ids and malformed lines, naming the line', () => {
    for (const id of ['../x', '..', '.hidden', 'a/b', 'a\\b', '-rf', 'ana smith', 'x'.repeat(101)]) {
      expect(unsafeStudentId(id), id).toBeDefined();
      expect(() => parseRoster(`ok\turl\n${id}\turl\n`, '/'), id).toThrow(/roster line 2/);
    }
    for (const id of ['ana', 'Ben-2', 'c.d_e', '42']) expect(unsafeStudentId(id), id).toBeUndefined();
    expect(() => parseRoster('ana\turl\nANA\turl2\n', '/')).toThrow(/line 2: student 'ANA' is already on line 1/);
    expect(() => parseRoster('ana https://x\n', '/')).toThrow(RosterError);
    expect(() => parseRoster('ana\t\n', '/')).toThrow(/expected 'student-id<TAB>git-url-or-path\[<TAB>extension\]'/);
    expect(() => parseRoster('ana\tx\ty\n', '/')).toThrow(/line 1/);
  });

  test('splits into near-equal shards in roster order, never an empty one', () => {
    const roster = parseRoster('a\t/a\nb\t/b\nc\t/c\nd\t/d\ne\t/e\n', '/');
    expect(splitRoster(roster, 2).map((s) => s.map((e) => e.student))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    expect(splitRoster(roster, 9)).toHaveLength(5);
    expect(splitRoster(roster, 1)).toEqual([roster]);
    expect(() => splitRoster(roster, 0)).toThrow(RosterError);
    expect(parseRoster(formatRoster(roster), '/')).toEqual(roster);
  });
});

describe('report validation', () => {
  const valid = sampleReport([17, 20.5, 0, 10, 19]);
  test('accepts a consistent schemaVersion 1 report', () => {
    expect(reportProblem(valid)).toBeUndefined();
    expect(reportProblem({ ...valid, exercises: valid.exercises.slice(0, 1), score: 17, maxScore: 17 })).toBeUndefined();
  });
  test.each([
    ['an array', [], /not a JSON object/],
    ['another schema', { ...valid, schemaVersion: 2 }, /schemaVersion 2 is not supported/],
    ['no score', { ...valid, score: '66.5' }, /'score' is not a number/],
    ['no integrity', { ...valid, integrity: { ok: 'yes', findings: [] } }, /'integrity'/],
    ['a forged total', { ...valid, score: 124 }, /score 124 is not the sum/],
    ['a forged maximum', { ...valid, maxScore: 100 }, /maxScore 100 is not the sum/],
    ['an unknown exercise', { ...valid, exercises: [{ ...valid.exercises[0]!, id: '06-attention' }] }, /'06-attention' is not in this course's manifest/],
    ['an exercise twice', { ...valid, exercises: [valid.exercises[0]!, valid.exercises[0]!] }, /appears twice/],
    ['a test above its maximum', { ...valid, exercises: valid.exercises.map((e, i) => (i ? e : { ...e, tests: [{ ...e.tests[0]!, score: 99 }] })) }, /outside 0…maxScore/],
    ['an exercise score that is not its tests', { ...valid, exercises: valid.exercises.map((e, i) => (i ? e : { ...e, score: 1 })) }, /not the sum of its tests' scores/],
    ['a bad date', { ...valid, gradedAt: 'yesterday' }, /'gradedAt' is not a date/],
    ['a bad commit', { ...valid, commit: 'main; rm -rf' }, /'commit' is not a commit id/],
  ])('rejects %s', (_, report, reason) => {
    expect(reportProblem(report)).toMatch(reason);
  });
});

describe('collect', () => {
  let reports: string;
  beforeAll(() => {
    reports = tempDir('class');
    writeSampleClass(reports);
    writeFileSync(join(reports, 'notes.txt'), 'a file beside the folders is ignored');
    mkdirSync(join(reports, '.cache'));
  });

  test('turns the sample class into exact CSV rows: graded, partial, flagged, corrupt, missing, unsupported', () => {
    const g = '2026-11-20T10:00:00.000Z';
    expect(gradebookCsv(collect(reports)).split('\n')).toEqual([
      HEADER,
      `ana,${cells([17, 41, 17, 30, 19])},124,${MAX},ok,,,${g},${after(g, 'bwrap')}`,
      `ben,${cells([17, 20.5, 0, 10, 19])},66.5,${MAX},ok,,,${g},${after(g, 'permission-model')}`,
      `cleo,${cells([17, 41, 17, 30, 19])},124,${MAX},flagged,${SAMPLE_FINDING},${SAMPLE_COMMIT},${g},${after(g)}`,
      noGrade('dan', 'grade-report.json is not valid JSON: Unexpected end of JSON input'),
      `eve,${cells([])},0,${MAX},ok,,,${g},${after(g, '', 'yes')}`,
      noGrade('finn', 'no grade-report.json'),
      noGrade('gus', 'grade-report.json is invalid: schemaVersion 2 is not supported (expected 1)'),
      `hana,${cells([17, 30, 8.5, 15, 0])},70.5,${MAX},ok,,,${g},${after(g)}`,
      `ivo,${cells([10, 41, 17, 30, 19])},117,${MAX},ok,,,${g},${after(g)}`,
      `jo,${cells([17, 41, 17, 0, 0])},75,${MAX},ok,,,${g},${after(g)}`,
      '',
    ]);
  });

  test('with a roster: roster order, a row for a student without a folder, other folders after', () => {
    const rows = collect(reports, { roster: ['jo', 'zoe', 'ana'] });
    expect(rows.map((r) => r.student)).toEqual(['jo', 'zoe', 'ana', 'ben', 'cleo', 'dan', 'eve', 'finn', 'gus', 'hana', 'ivo']);
    expect(rows[1]).toEqual({ student: 'zoe', scores: {}, findings: [], reason: 'no report folder' });
  });

  test('a folder that regrade could not grade keeps its reason and commit', () => {
    const folder = join(tempDir('failure'), 'kim');
    mkdirSync(folder);
    writeFileSync(join(folder, 'regrade-failure.json'), JSON.stringify({ reason: 'no exercises/ folder at commit abc', commit: 'abc1234' }));
    expect(rowFromFolder(folder, 'kim')).toEqual({ student: 'kim', scores: {}, findings: [], reason: 'no exercises/ folder at commit abc', commit: 'abc1234' });
    writeFileSync(join(folder, 'regrade-failure.json'), '{');
    expect(rowFromFolder(folder, 'kim').reason).toBe('regrade-failure.json is unreadable');
  });

  test('CSV cells a spreadsheet would run as formulas are escaped; commas and quotes are quoted', () => {
    const report = sampleReport([17, 0, 0, 0, 0], { integrity: { ok: false, findings: ['=HYPERLINK("http://evil")', 'a, "b"'] } });
    const csv = gradebookCsv([{ ...collectRow(report), student: 'ana' }]);
    expect(csv.split('\n')[1]).toBe(`ana,${cells([17])},17,${MAX},flagged,"'=HYPERLINK(""http://evil""); a, ""b""",,2026-11-20T10:00:00.000Z,${after('2026-11-20T10:00:00.000Z')}`);
  });

  test('the page escapes what reports hold and loads nothing from outside', () => {
    const evil = sampleReport([17, 0, 0, 0, 0], { integrity: { ok: false, findings: ['<script>alert(1)</script>'] } });
    const html = gradebookHtml([{ ...collectRow(evil), student: 'ana' }, ...collect(reports)], { generatedAt: new Date('2026-11-24T12:00:00Z') });
    expect(html).not.toContain('<script>alert');
    // The one script is the page's own sorter, allowed by its hash and nothing else.
    expect(html.match(/<script>/g)).toHaveLength(1);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'"`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html.match(/<rect class="bar"/g)).toHaveLength(10);
    expect(html).toContain('Generated 2026-11-24 12:00 UTC');
  });

  test('histogram bins are whole points wide and the maximum falls in the last bin', () => {
    expect(histogram([0, 12.9, 13, 124], 124).map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 13, 2], [13, 26, 1], [26, 39, 0], [39, 52, 0], [52, 65, 0], [65, 78, 0], [78, 91, 0], [91, 104, 0], [104, 117, 0], [117, 130, 1],
    ]);
    expect(histogram([3], 3).map((b) => b.count)).toEqual([0, 0, 1]);
  });

  test('collectCommand writes gradebook.csv and gradebook.html; wrong usage is a UsageError', async () => {
    const out = join(tempDir('collect-out'), 'book');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await collectCommand(['--reports', reports, '--out', out, '--db', join(out, 'history.sqlite')]);
      expect(log.mock.calls.flat().join('\n')).toContain(`10 student(s): 7 graded, 1 flagged, 3 without a grade, 1 never started, mean total 82.43 / ${MAX}`);
    } finally {
      log.mockRestore();
    }
    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8')).toBe(gradebookCsv(collect(reports)));
    expect(readFileSync(join(out, 'gradebook.html'), 'utf8')).toMatch(/^<!doctype html>/);
    await expect(collectCommand(['--out', out])).rejects.toThrow(/--reports is required/);
    await expect(collectCommand(['--reports', join(reports, 'nope'), '--out', out])).rejects.toThrow(/does not exist/);
    await expect(collectCommand(['--reports', reports, '--out', out, '--bogus'])).rejects.toBeInstanceOf(UsageError);
  });
});

/** The row collect makes of one report. */
function collectRow(report: ReturnType<typeof sampleReport>) {
  const folder = join(tempDir('one'), 'x');
  mkdirSync(folder);
  writeFileSync(join(folder, 'grade-report.json'), JSON.stringify(report));
  return rowFromFolder(folder, 'x');
}

describe('regrade building blocks', () => {
  test('deadlines need a time zone; git gets them in a form it cannot misread', () => {
    expect(parseDeadline('2026-12-01T23:59:59Z').toISOString()).toBe('2026-12-01T23:59:59.000Z');
    expect(parseDeadline('2026-12-02T00:59:59+01:00').toISOString()).toBe('2026-12-01T23:59:59.000Z');
    for (const bad of ['2026-12-01', '2026-12-01T23:59:59', 'tomorrow', '2026-13-01T00:00:00Z']) expect(() => parseDeadline(bad), bad).toThrow(UsageError);
    expect(gitDate(new Date('2026-12-01T23:59:59.500Z'))).toBe('2026-12-01 23:59:59 +0000');
  });

  test('the token reaches git as an HTTP header for github.com only; credentials in URLs are never printed', () => {
    const env = gitEnv('s3cret');
    const n = Number(env.GIT_CONFIG_COUNT) - 1;
    expect(env[`GIT_CONFIG_KEY_${n}`]).toBe('http.https://github.com/.extraheader');
    expect(env[`GIT_CONFIG_VALUE_${n}`]).toBe(`AUTHORIZATION: basic ${Buffer.from('x-access-token:s3cret').toString('base64')}`);
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(gitEnv().GIT_CONFIG_COUNT).toBe(process.env.GIT_CONFIG_COUNT);
    expect(redact('could not clone https://ana:ghp_123@github.com/org/ana: fatal')).toBe('could not clone https://***@github.com/org/ana: fatal');
  });

  test('shardCommand prints the matrix the workflow reads (shard, of, students, roster)', async () => {
    const dir = tempDir('shard');
    writeFileSync(join(dir, 'roster.tsv'), 'a\thttps://github.com/o/a\nb\thttps://github.com/o/b\nc\thttps://github.com/o/c\n');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await shardCommand(['--repos', join(dir, 'roster.tsv'), '--shards', '2']);
      expect(JSON.parse(String(log.mock.calls[0]![0]))).toEqual({
        include: [
          { shard: 1, of: 2, students: 2, roster: 'a\thttps://github.com/o/a\nb\thttps://github.com/o/b\n' },
          { shard: 2, of: 2, students: 1, roster: 'c\thttps://github.com/o/c\n' },
        ],
      });
    } finally {
      log.mockRestore();
    }
    await expect(shardCommand(['--repos', join(dir, 'roster.tsv'), '--shards', '0'])).rejects.toThrow(/from 1 to 256/);
  });
});

describe('the CLI', () => {
  test('wrong usage of collect and regrade exits 2 with the message and the command usage', async () => {
    const dir = tempDir('cli');
    writeFileSync(join(dir, 'roster.tsv'), 'ana\t/x\n../etc\t/y\n');
    const cli = (args: string[]) =>
      runFile(process.execPath, ['--import', './grader/runtime/loader/register.mjs', 'grader/teacher/cli.ts', ...args], { cwd: REPO_ROOT }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
    const [roster, collectUsage] = await Promise.all([
      cli(['regrade', '--repos', join(dir, 'roster.tsv'), '--out', join(dir, 'out')]),
      cli(['collect', '--out', join(dir, 'out')]),
    ]);
    expect(roster.code).toBe(2);
    expect(roster.stderr).toMatch(/roster line 2: student id '\.\.\/etc' is not a safe folder name/);
    expect(roster.stderr).toMatch(/usage: npm run regrade/);
    expect(collectUsage.code).toBe(2);
    expect(collectUsage.stderr).toMatch(/--reports is required\n.*usage: npm run collect/s);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 60_000);
});

