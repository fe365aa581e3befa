/**
 * The teacher's commands, called from grader/teacher/cli.ts: `collect` (reports → gradebook), `regrade` (roster →
 * reports → gradebook), `snapshot` (roster → the commits that count, at the deadline), `gradebook` (the
 * history: runs, diff, show, LMS export) and `shard` (roster → GitHub Actions matrix, for
 * .github/workflows/regrade.yml). Every collect and regrade is stored as a run in the history
 * (grader/teacher/gradebook/history.ts); the files it writes are views of that run.
 * Wrong usage throws UsageError: the CLI prints its message and the command's usage, and exits 2.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GraderError } from '../../runtime/command-line.ts';
import { COURSE } from '../../runtime/manifest.ts';
import { REPO_ROOT } from '../../runtime/paths.ts';
import { collect, type GradebookRow } from './collect.ts';
import { diffTotals, GradebookHistory, type RunInfo } from './history.ts';
import { applyLatePolicy, describePolicy, parseInstant, type LatePolicy } from './late.ts';
import { LMS_FORMATS, lmsCsv, type LmsFormat } from './lms.ts';
import { DEFAULT_JOBS, DEFAULT_TIMEOUT_MS, gitEnv, redact, regrade } from './regrade.ts';
import { formatRoster, parseRoster, RosterError, rosterExtensions, splitRoster, type RosterEntry } from './roster.ts';
import { readSnapshot, takeSnapshot, type GradedRef } from './snapshot.ts';
import { formatPoints } from './stats.ts';
import { probeIsolation } from '../../sandbox/probe.ts';
import { gradebookSummary, writeGradebook } from './write.ts';

export const DEFAULT_DB = join(REPO_ROOT, '.seqlab', 'gradebook.sqlite');
const DEFAULT_DB_SHOWN = '.seqlab/gradebook.sqlite';

export class UsageError extends GraderError {
  constructor(message: string, readonly usage: string) {
    super(message);
  }
}

const POLICY_USAGE = `  --deadline ISO         the due time, with its time zone: 2026-12-01T23:59:59Z (a roster's third column
                         may extend it per student: +2d, +36h or an ISO instant)
  --grace-min M          minutes after the due time still on time (default 0)
  --penalty-per-day P    percent of the points lost per started day late (default 0)
  --late-days N          days after due + grace still accepted, with the penalty (default 0: nothing late)`;

const DB_USAGE = `  --db FILE              the gradebook's history, one run per collect/regrade (default ${DEFAULT_DB_SHOWN})`;

export const COLLECT_USAGE = `usage: npm run collect -- --reports DIR --out OUT [--roster FILE] [--deadline ISO …] [--db FILE]
  --reports DIR          one folder per student, each with its grade-report.json (the layout of downloaded artifacts)
  --out OUT              where gradebook.csv and gradebook.html (views of this run) go
  --roster FILE          student-id<TAB>repo[<TAB>extension] lines: rows in roster order, a row for a student
                         without a folder, and the extensions
${POLICY_USAGE}
                         A CI report is judged by its gradedAt (the run started after the push it graded).
${DB_USAGE}`;

export const REGRADE_USAGE = `usage: npm run regrade -- --repos FILE --out OUT [--snapshot FILE [--graded head|submit-tag]] [--deadline ISO …]
                          [--jobs N] [--timeout-s S] [--only IDS] [--db FILE]
  --repos FILE           one 'student-id<TAB>git-url-or-path[<TAB>extension]' a line ('#' comments; paths
                         relative to FILE's folder)
  --out OUT              writes OUT/reports/<student>/grade-report.json, OUT/gradebook.csv and OUT/gradebook.html
  --snapshot FILE        grade exactly the commits of this snapshot (npm run snapshot), judged late by its time
  --graded REF           with --snapshot: head (the default branch's head, default) or submit-tag (the latest
                         Classroom 50 submit/* tag)
${POLICY_USAGE}
                         Without --snapshot: grade each student's last commit at or before due + grace + late
                         days by commit date (the student's clock: dates that go backwards or lie in the
                         future are flagged)
  --jobs N               submissions graded at the same time (default ${DEFAULT_JOBS})
  --timeout-s S          seconds for one submission, clone included, before it is killed (default ${DEFAULT_TIMEOUT_MS / 1000})
  --only IDS             grade only these exercises, e.g. 01-rnn-forward,04-lstm
${DB_USAGE}
  env SEQLAB_CLONE_TOKEN   a token that may read the students' private repositories on github.com`;

export const SNAPSHOT_USAGE = `usage: npm run snapshot -- --repos FILE --out FILE [--jobs N]
  --repos FILE   the roster (as for regrade)
  --out FILE     the snapshot: each repository's head commit and submit/* tags now, read with git ls-remote
  --jobs N       repositories read at the same time (default 8)
  env SEQLAB_CLONE_TOKEN   a token that may read the students' private repositories on github.com`;

export const GRADEBOOK_USAGE = `usage: npm run gradebook -- COMMAND [--db FILE] …
  runs                                  list the runs (id, kind, time, students, graded, source)
  diff [--from ID] [--to ID]            students whose total changed (default: the two latest runs)
  show --out DIR [--run ID]             write gradebook.csv and gradebook.html of a run (default: the latest)
  export --format canvas|moodle --out FILE [--run ID] [--item NAME]
                                        a CSV the LMS imports: the total that counts per student, named
                                        NAME (default 'seqlab'); students without a grade are left out
${DB_USAGE}`;

export const SHARD_USAGE = `usage: node --import ./grader/runtime/loader/register.mjs grader/teacher/cli.ts shard --repos FILE --shards N
  prints the GitHub Actions matrix {"include":[{"shard":1,"of":N,"students":K,"roster":"…"}, …]}`;

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

function required(value: string | boolean | undefined, name: string, usage: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${name} is required`, usage);
  return value;
}

function readRoster(file: string, usage: string): RosterEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the roster ${file}: ${(error as Error).message}`, usage);
  }
  try {
    return parseRoster(text, dirname(resolve(file)));
  } catch (error) {
    if (error instanceof RosterError) throw new UsageError(`${file}: ${error.message}`, usage);
    throw error;
  }
}

/** A path inside the repository relative to it, any other absolute. */
const shown = (path: string): string => {
  const inside = relative(REPO_ROOT, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
};

const POLICY_OPTIONS = {
  deadline: { type: 'string' },
  'grace-min': { type: 'string' },
  'penalty-per-day': { type: 'string' },
  'late-days': { type: 'string' },
} as const;

/** '2026-12-01T23:59:59Z' or with an offset: a deadline without a time zone would depend on the machine. */
export function parseDeadline(text: string, usage = REGRADE_USAGE): Date {
  const date = parseInstant(text);
  if (!date) throw new UsageError(`--deadline must be an ISO 8601 instant with its time zone, e.g. 2026-12-01T23:59:59Z or 2026-12-01T23:59:59+01:00; got '${text}'`, usage);
  return date;
}

function positive(text: string | undefined, name: string, integer: boolean, fallback: number, usage = REGRADE_USAGE): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new UsageError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`, usage);
  return value;
}

function nonNegative(text: string | undefined, name: string, usage: string): number {
  if (text === undefined) return 0;
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0) || !Number.isFinite(value)) throw new UsageError(`${name} must be a number ≥ 0, got '${text}'`, usage);
  return value;
}

/** The late policy of --deadline and its companions; the companions need a deadline. */
export function parsePolicy(values: Partial<Record<keyof typeof POLICY_OPTIONS, string | boolean>>, usage: string): LatePolicy | undefined {
  const text = (name: keyof typeof POLICY_OPTIONS): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  if (text('deadline') === undefined) {
    const stray = (['grace-min', 'penalty-per-day', 'late-days'] as const).find((name) => text(name) !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --deadline`, usage);
    return undefined;
  }
  const penaltyPerDay = nonNegative(text('penalty-per-day'), '--penalty-per-day', usage);
  if (penaltyPerDay > 100) throw new UsageError(`--penalty-per-day is a percentage of the points, at most 100, got '${penaltyPerDay}'`, usage);
  const maxLateDays = nonNegative(text('late-days'), '--late-days', usage);
  if (!Number.isInteger(maxLateDays)) throw new UsageError(`--late-days must be a whole number of days, got '${maxLateDays}'`, usage);
  return { deadline: parseDeadline(text('deadline')!, usage), graceMinutes: nonNegative(text('grace-min'), '--grace-min', usage), penaltyPerDay, maxLateDays };
}

/**
 * Stores the rows as a run in the history and writes the gradebook files from what the history then holds
 * for its latest run (that is, this one).
 */
async function recordRun(dbFile: string, run: { kind: RunInfo['kind']; source: string; policy?: LatePolicy }, rows: readonly GradebookRow[], out: string) {
  const history = await GradebookHistory.open(dbFile);
  try {
    const id = history.addRun(run, rows);
    history.save();
    const latest = history.latestRunId()!;
    const stored = history.rows(latest);
    const files = writeGradebook(out, stored, { run: history.run(latest) });
    return { id, rows: stored, files };
  } finally {
    history.close();
  }
}

export async function collectCommand(args: string[]): Promise<void> {
  const values = parse(args, { reports: { type: 'string' }, out: { type: 'string' }, roster: { type: 'string' }, db: { type: 'string' }, ...POLICY_OPTIONS }, COLLECT_USAGE);
  if (values.help) return console.log(COLLECT_USAGE);
  const reports = resolve(required(values.reports, '--reports', COLLECT_USAGE));
  const out = resolve(required(values.out, '--out', COLLECT_USAGE));
  const policy = parsePolicy(values, COLLECT_USAGE);
  const roster = values.roster ? readRoster(values.roster, COLLECT_USAGE) : undefined;
  let rows;
  try {
    rows = collect(reports, { roster: roster?.map((e) => e.student) });
  } catch (error) {
    throw new UsageError((error as Error).message, COLLECT_USAGE);
  }
  if (policy) rows = applyLatePolicy(rows, policy, rosterExtensions(roster ?? []));
  const recorded = await recordRun(resolve(values.db ?? DEFAULT_DB), { kind: 'collect', source: shown(reports), policy }, rows, out);
  console.log(gradebookSummary(recorded.rows));
  console.log(`Gradebook run ${recorded.id}: ${shown(recorded.files.csv)}, ${shown(recorded.files.html)}${policy ? ` (${describePolicy(policy)})` : ''}`);
}

export async function regradeCommand(args: string[]): Promise<void> {
  const values = parse(
    args,
    {
      repos: { type: 'string' },
      out: { type: 'string' },
      snapshot: { type: 'string' },
      graded: { type: 'string' },
      jobs: { type: 'string' },
      'timeout-s': { type: 'string' },
      only: { type: 'string' },
      'unsafe-without-bubblewrap': { type: 'boolean', default: false },
      db: { type: 'string' },
      ...POLICY_OPTIONS,
    },
    REGRADE_USAGE,
  );
  if (values.help) return console.log(REGRADE_USAGE);
  const roster = readRoster(required(values.repos, '--repos', REGRADE_USAGE), REGRADE_USAGE);
  const out = resolve(required(values.out, '--out', REGRADE_USAGE));
  const policy = parsePolicy(values, REGRADE_USAGE);
  let snapshot;
  try {
    snapshot = values.snapshot === undefined ? undefined : readSnapshot(resolve(values.snapshot));
  } catch (error) {
    throw new UsageError((error as Error).message, REGRADE_USAGE);
  }
  const graded = (values.graded ?? 'head') as GradedRef;
  if (graded !== 'head' && graded !== 'submit-tag') throw new UsageError(`--graded is head or submit-tag, got '${values.graded}'`, REGRADE_USAGE);
  if (values.graded !== undefined && !snapshot) throw new UsageError('--graded needs --snapshot', REGRADE_USAGE);
  const jobs = positive(values.jobs, '--jobs', true, DEFAULT_JOBS);
  const timeoutS = positive(values['timeout-s'], '--timeout-s', false, DEFAULT_TIMEOUT_MS / 1000);
  const only = values.only?.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = (only ?? []).filter((id) => !COURSE.some((e) => e.id === id));
  if (unknown.length) throw new UsageError(`unknown exercise ${unknown.join(', ')}; known: ${COURSE.map((e) => e.id).join(', ')}`, REGRADE_USAGE);
  const dbFile = resolve(values.db ?? DEFAULT_DB);
  // Read once, then out of the environment: no grader process, and so no student code, inherits it.
  const token = process.env.SEQLAB_CLONE_TOKEN || undefined;
  delete process.env.SEQLAB_CLONE_TOKEN;

  // The authoritative grade needs the operating-system sandbox: refuse before cloning anything.
  const { run, warnings } = await probeIsolation();
  if (run.isolation !== 'bwrap') {
    if (!values['unsafe-without-bubblewrap']) {
      throw new UsageError(`${warnings[0]}. Regrade refuses to make authoritative grades without bubblewrap; install it, or accept the risk with --unsafe-without-bubblewrap`, REGRADE_USAGE);
    }
    console.error(`seqlab: --unsafe-without-bubblewrap: ${warnings[0]}`);
  }

  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const which = snapshot
    ? `at the ${graded === 'head' ? 'head commits' : 'latest submit/* tags'} of the snapshot taken ${snapshot.takenAt}`
    : policy ? `at the last commit at or before each student's cut-off (${describePolicy(policy)})` : 'at the latest commit';
  console.log(`Regrading ${roster.length} submission(s), ${jobs} at a time, ${which}${only ? `, only ${only.join(', ')}` : ''}`);
  try {
    const { rows } = await regrade({
      roster,
      out,
      policy,
      snapshot,
      graded,
      jobs,
      timeoutMs: timeoutS * 1000,
      graderArgs: only ? ['--only', only.join(',')] : [],
      token,
      sandbox: run.isolation,
      signal: controller.signal,
      log: (line) => console.log(line),
    });
    const judged = policy ? applyLatePolicy(rows, policy, rosterExtensions(roster)) : rows;
    const source = `${shown(resolve(values.repos!))}${snapshot ? ` at snapshot ${snapshot.takenAt}` : ''}`;
    const recorded = await recordRun(dbFile, { kind: 'regrade', source, policy }, judged, out);
    console.log(gradebookSummary(recorded.rows));
    console.log(`Gradebook run ${recorded.id}: ${shown(recorded.files.csv)}, ${shown(recorded.files.html)}; reports in ${shown(resolve(out, 'reports'))}`);
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
  if (controller.signal.aborted) {
    console.error('seqlab: regrade was cancelled; the gradebook holds what finished');
    process.exit(130);
  }
}

export async function snapshotCommand(args: string[]): Promise<void> {
  const values = parse(args, { repos: { type: 'string' }, out: { type: 'string' }, jobs: { type: 'string' } }, SNAPSHOT_USAGE);
  if (values.help) return console.log(SNAPSHOT_USAGE);
  const roster = readRoster(required(values.repos, '--repos', SNAPSHOT_USAGE), SNAPSHOT_USAGE);
  const out = resolve(required(values.out, '--out', SNAPSHOT_USAGE));
  const jobs = positive(values.jobs, '--jobs', true, 8, SNAPSHOT_USAGE);
  const token = process.env.SEQLAB_CLONE_TOKEN || undefined;
  delete process.env.SEQLAB_CLONE_TOKEN;
  const snapshot = await takeSnapshot(roster, { env: gitEnv(token), jobs, redact, log: (line) => console.log(line) });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(snapshot, null, 2)}\n`);
  const unread = snapshot.entries.filter((e) => e.error).length;
  console.log(`Snapshot of ${snapshot.entries.length} repositories at ${snapshot.takenAt}${unread ? ` (${unread} not read: they will have no grade)` : ''}: ${shown(out)}`);
}

function runId(text: string | undefined, name: string, fallback: number | undefined): number {
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError('the gradebook history has no run yet: run collect or regrade first', GRADEBOOK_USAGE);
    return fallback;
  }
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new UsageError(`${name} must be a run id (see 'runs'), got '${text}'`, GRADEBOOK_USAGE);
  return id;
}

const points = (value: number | undefined, reason?: string): string => (value === undefined ? `no grade (${reason ?? 'no grade'})` : formatPoints(value));

export async function gradebookCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h') return console.log(GRADEBOOK_USAGE);
  const values = parse(
    rest,
    { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, run: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, item: { type: 'string' } },
    GRADEBOOK_USAGE,
  );
  if (values.help) return console.log(GRADEBOOK_USAGE);
  const history = await GradebookHistory.open(resolve(values.db ?? DEFAULT_DB)).catch((error: Error) => {
    throw new UsageError(error.message, GRADEBOOK_USAGE);
  });
  const orUsage = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message, GRADEBOOK_USAGE);
    }
  };
  try {
    const runs = history.runs();
    switch (action) {
      case 'runs':
        if (!runs.length) return console.log('No run yet.');
        for (const r of runs) console.log(`${r.id}\t${r.kind}\t${r.createdAt}\t${r.students} student(s), ${r.graded} graded\t${r.source}${r.policy ? `\t${describePolicy(r.policy)}` : ''}`);
        return;
      case 'diff': {
        const to = runId(values.to, '--to', runs.at(-1)?.id);
        const from = runId(values.from, '--from', runs.filter((r) => r.id < to).at(-1)?.id ?? (runs.length ? to : undefined));
        const changes = orUsage(() => diffTotals(history.rows(from), history.rows(to)));
        console.log(`Run ${from} → run ${to}: ${changes.length} total(s) changed`);
        for (const c of changes) console.log(`${c.student}\t${points(c.before, c.reasonBefore)} → ${points(c.after, c.reasonAfter)}`);
        return;
      }
      case 'show': {
        const id = runId(values.run, '--run', runs.at(-1)?.id);
        const out = resolve(required(values.out, '--out', GRADEBOOK_USAGE));
        const files = orUsage(() => writeGradebook(out, history.rows(id), { run: history.run(id) }));
        console.log(`Gradebook of run ${id}: ${shown(files.csv)}, ${shown(files.html)}`);
        return;
      }
      case 'export': {
        const format = required(values.format, '--format', GRADEBOOK_USAGE) as LmsFormat;
        if (!LMS_FORMATS.includes(format)) throw new UsageError(`--format is one of ${LMS_FORMATS.join(', ')}, got '${format}'`, GRADEBOOK_USAGE);
        const id = runId(values.run, '--run', runs.at(-1)?.id);
        const out = resolve(required(values.out, '--out', GRADEBOOK_USAGE));
        const rows = orUsage(() => history.rows(id));
        const { csv, left } = lmsCsv(format, rows, values.item ?? 'seqlab');
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, csv);
        console.log(`${format} import file of run ${id}: ${shown(out)} (${rows.length - left.length} grade(s)${left.length ? `; left out without a grade: ${left.join(', ')}` : ''})`);
        return;
      }
      default:
        throw new UsageError(`unknown gradebook command '${action}'`, GRADEBOOK_USAGE);
    }
  } finally {
    history.close();
  }
}

export async function shardCommand(args: string[]): Promise<void> {
  const values = parse(args, { repos: { type: 'string' }, shards: { type: 'string' } }, SHARD_USAGE);
  if (values.help) return console.log(SHARD_USAGE);
  const roster = readRoster(required(values.repos, '--repos', SHARD_USAGE), SHARD_USAGE);
  if (roster.length === 0) throw new UsageError(`${values.repos}: the roster lists no student`, SHARD_USAGE);
  const count = Number(required(values.shards, '--shards', SHARD_USAGE));
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new UsageError(`--shards must be an integer from 1 to 256 (GitHub's matrix limit), got '${values.shards}'`, SHARD_USAGE);
  const shards = splitRoster(roster, count);
  const include = shards.map((entries, i) => ({ shard: i + 1, of: shards.length, students: entries.length, roster: formatRoster(entries) }));
  console.log(JSON.stringify({ include }));
}
