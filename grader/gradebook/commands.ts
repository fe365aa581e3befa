/**
 * The teacher's commands, called from grader/cli.ts: `collect` (reports → gradebook), `regrade` (roster →
 * reports → gradebook) and `shard` (roster → GitHub Actions matrix, for .github/workflows/regrade.yml).
 * Wrong usage throws UsageError: the CLI prints its message and the command's usage, and exits 2.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GraderError } from '../grade.ts';
import { COURSE } from '../manifest.ts';
import { REPO_ROOT } from '../paths.ts';
import { collect } from './collect.ts';
import { probeIsolation } from '../sandbox/probe.ts';
import { DEFAULT_JOBS, DEFAULT_TIMEOUT_MS, regrade } from './regrade.ts';
import { formatRoster, parseRoster, RosterError, splitRoster, type RosterEntry } from './roster.ts';
import { gradebookSummary, writeGradebook } from './write.ts';

export class UsageError extends GraderError {
  constructor(message: string, readonly usage: string) {
    super(message);
  }
}

export const COLLECT_USAGE = `usage: npm run collect -- --reports DIR --out OUT [--roster FILE]
  --reports DIR   one folder per student, each with its grade-report.json (the layout of downloaded artifacts)
  --out OUT       where gradebook.csv and gradebook.html go
  --roster FILE   student-id<TAB>repo lines: rows in roster order, and a row for a student without a folder`;

export const REGRADE_USAGE = `usage: npm run regrade -- --repos FILE --out OUT [--deadline ISO] [--jobs N] [--timeout-s S] [--only IDS]
  --repos FILE    one 'student-id<TAB>git-url-or-path' a line ('#' comments; paths relative to FILE's folder)
  --out OUT       writes OUT/reports/<student>/grade-report.json, OUT/gradebook.csv and OUT/gradebook.html
  --deadline ISO  grade the last commit at or before this instant, with its time zone: 2026-12-01T23:59:59Z
  --jobs N        submissions graded at the same time (default ${DEFAULT_JOBS})
  --timeout-s S   seconds for one submission, clone included, before it is killed (default ${DEFAULT_TIMEOUT_MS / 1000})
  --only IDS      grade only these exercises, e.g. 01-rnn-forward,04-lstm
  --unsafe-without-bubblewrap
                  grade where bubblewrap cannot run, with Node's permission model alone: student code could
                  then escape (open sockets, read other files), so the grades are not authoritative
  env SEQLAB_CLONE_TOKEN   a token that may read the students' private repositories on github.com`;

export const SHARD_USAGE = `usage: node --import ./grader/loader/register.mjs grader/cli.ts shard --repos FILE --shards N
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

export async function collectCommand(args: string[]): Promise<void> {
  const values = parse(args, { reports: { type: 'string' }, out: { type: 'string' }, roster: { type: 'string' } }, COLLECT_USAGE);
  if (values.help) return console.log(COLLECT_USAGE);
  const reports = resolve(required(values.reports, '--reports', COLLECT_USAGE));
  const out = resolve(required(values.out, '--out', COLLECT_USAGE));
  const roster = values.roster ? readRoster(values.roster, COLLECT_USAGE).map((e) => e.student) : undefined;
  let rows;
  try {
    rows = collect(reports, { roster });
  } catch (error) {
    throw new UsageError((error as Error).message, COLLECT_USAGE);
  }
  const files = writeGradebook(out, rows);
  console.log(gradebookSummary(rows));
  console.log(`Gradebook: ${shown(files.csv)}, ${shown(files.html)}`);
}

/** '2026-12-01T23:59:59Z' or with an offset: a deadline without a time zone would depend on the machine. */
export function parseDeadline(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
  const date = new Date(text);
  if (!iso.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--deadline must be an ISO 8601 instant with its time zone, e.g. 2026-12-01T23:59:59Z or 2026-12-01T23:59:59+01:00; got '${text}'`, REGRADE_USAGE);
  }
  return date;
}

function positive(text: string | undefined, name: string, integer: boolean, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new UsageError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`, REGRADE_USAGE);
  return value;
}

export async function regradeCommand(args: string[]): Promise<void> {
  const values = parse(
    args,
    {
      repos: { type: 'string' },
      out: { type: 'string' },
      deadline: { type: 'string' },
      jobs: { type: 'string' },
      'timeout-s': { type: 'string' },
      only: { type: 'string' },
      'unsafe-without-bubblewrap': { type: 'boolean', default: false },
    },
    REGRADE_USAGE,
  );
  if (values.help) return console.log(REGRADE_USAGE);
  const roster = readRoster(required(values.repos, '--repos', REGRADE_USAGE), REGRADE_USAGE);
  const out = resolve(required(values.out, '--out', REGRADE_USAGE));
  const deadline = values.deadline === undefined ? undefined : parseDeadline(values.deadline);
  const jobs = positive(values.jobs, '--jobs', true, DEFAULT_JOBS);
  const timeoutS = positive(values['timeout-s'], '--timeout-s', false, DEFAULT_TIMEOUT_MS / 1000);
  const only = values.only?.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = (only ?? []).filter((id) => !COURSE.some((e) => e.id === id));
  if (unknown.length) throw new UsageError(`unknown exercise ${unknown.join(', ')}; known: ${COURSE.map((e) => e.id).join(', ')}`, REGRADE_USAGE);
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
  console.log(`Regrading ${roster.length} submission(s), ${jobs} at a time, ${deadline ? `at the last commit at or before ${deadline.toISOString()}` : 'at the latest commit'}${only ? `, only ${only.join(', ')}` : ''}`);
  try {
    const { rows, files } = await regrade({
      roster,
      out,
      deadline,
      jobs,
      timeoutMs: timeoutS * 1000,
      graderArgs: only ? ['--only', only.join(',')] : [],
      token,
      sandbox: run.isolation,
      signal: controller.signal,
      log: (line) => console.log(line),
    });
    console.log(gradebookSummary(rows));
    console.log(`Gradebook: ${shown(files.csv)}, ${shown(files.html)}; reports in ${shown(resolve(out, 'reports'))}`);
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
  if (controller.signal.aborted) {
    console.error('seqlab: regrade was cancelled; the gradebook holds what finished');
    process.exit(130);
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
