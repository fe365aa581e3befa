/**
 * Authoritative re-grading of a roster: clones each student's repository, takes the commit a snapshot
 * recorded (grader/teacher/gradebook/snapshot.ts) or else the last commit at or before the student's cut-off by
 * commit date, grades its `exercises/` with this (trusted) grader and its hidden suites in a process of its
 * own, a few at a time, and writes each student's report and the gradebook. The report carries the
 * student's own integrity findings beside the trusted grade (grader/teacher/gradebook/findings.ts). A repository
 * that cannot be cloned, has no commit before the cut-off or does not finish in time becomes a row with
 * the reason, never a crash.
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GraderProcessError, GraderTimeoutError, runGrader } from '../run-grader.ts';
import { FAILURE_FILE, REPORT_FILE, rowFromFolder, type CollectedReport, type GradebookRow } from './collect.ts';
import type { Isolation } from '../../sandbox/isolation.ts';
import { historyFindings, parseCommitDates, protectedFileFindings } from './findings.ts';
import { cutOff, parseExtension, type LatePolicy } from './late.ts';
import type { RosterEntry } from './roster.ts';
import { snapshotCommit, type GradedRef, type Snapshot } from './snapshot.ts';

const run = promisify(execFile);

export interface RegradeOptions {
  roster: readonly RosterEntry[];
  /** Reports go to `OUT/reports/<student>/`, the gradebook to `OUT/gradebook.{csv,html}`. */
  out: string;
  /**
   * Commit-date mode: grade the last commit at or before each student's cut-off under this policy (default:
   * the latest commit). Ignored with a snapshot.
   */
  policy?: LatePolicy;
  /** Grade exactly the commits this snapshot recorded. */
  snapshot?: Snapshot;
  /** With a snapshot: the head of the default branch (default) or the latest Classroom 50 `submit/*` tag. */
  graded?: GradedRef;
  /** Submissions graded at the same time (default 2). */
  jobs?: number;
  /** Time for one submission, clone included, before it is killed (default 600 s). */
  timeoutMs?: number;
  /** Passed to `npm run grade`, e.g. ['--only', '01-rnn-forward']. */
  graderArgs?: string[];
  /** A token for cloning private repositories from https://github.com/ (never passed to the grader). */
  token?: string;
  /**
   * The isolation every grader must use (default bwrap): a grader that cannot have it fails instead of
   * falling back. Only `regrade --unsafe-without-bubblewrap` asks for the permission model alone.
   */
  sandbox?: Isolation;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface SubmissionTiming {
  student: string;
  seconds: number;
}

export interface RegradeResult {
  /** Rows in roster order, read back from the reports written (what `collect` makes of them). */
  rows: GradebookRow[];
  timings: SubmissionTiming[];
}

export const DEFAULT_JOBS = 2;
export const DEFAULT_TIMEOUT_MS = 600_000;

/** Sources may carry credentials (https://user:token@host/…): never print them. */
export function redact(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

/** Git's own configuration for the clone: no prompts, no ext:: transport, and the token as an HTTP header. */
export function gitEnv(token?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' };
  if (token) {
    const count = Number(env.GIT_CONFIG_COUNT ?? 0) || 0;
    const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    env.GIT_CONFIG_COUNT = String(count + 1);
    env[`GIT_CONFIG_KEY_${count}`] = 'http.https://github.com/.extraheader';
    env[`GIT_CONFIG_VALUE_${count}`] = header;
  }
  return env;
}

/** The deadline as git's date parser reads it without doubt: 'YYYY-MM-DD HH:MM:SS +0000'. */
export function gitDate(deadline: Date): string {
  return `${deadline.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

class SubmissionFailure extends Error {
  constructor(message: string, readonly commit?: string) {
    super(message);
  }
}

/** What git said, in one line: its first 'fatal:'/'error:' line, else the last line. */
function gitMessage(error: unknown): string {
  const e = error as { stderr?: string; message?: string; killed?: boolean };
  if (e.killed) return 'git did not finish in time';
  const lines = (e.stderr || e.message || String(error)).split('\n').map((l) => l.trim()).filter(Boolean);
  // The first 'fatal:' is the specific one ("'…' does not appear to be a git repository"), later ones are generic.
  const fatal = lines.find((l) => /^(fatal|error):/.test(l));
  return redact(fatal ?? lines.at(-1) ?? 'git failed');
}

/** Why the grader failed, in one line: its own 'seqlab: …' message, else how it ended and its last line. */
function graderMessage(error: unknown): string {
  if (!(error instanceof GraderProcessError)) return redact((error as Error).message).split('\n')[0]!.slice(0, 500);
  const lines = error.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const own = lines.find((l) => l.startsWith('seqlab: '));
  const how = error.message.split(':')[0]!.replace(/^the grader /, '');
  return redact(own ? own.slice('seqlab: '.length) : `it ${how}${lines.length ? `: ${lines.at(-1)}` : ''}`).slice(0, 500);
}

async function git(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  if (timeoutMs <= 0) throw Object.assign(new Error('out of time'), { killed: true });
  const { stdout } = await run('git', ['-c', 'protocol.ext.allow=never', ...args], { cwd, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

/** Symbolic links and submodules under exercises/ at `commit`: checked out as plain files, and reported. */
async function treeFindings(clone: string, commit: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string[]> {
  const listing = await git(['ls-tree', '-r', '--full-tree', commit, '--', 'exercises'], clone, env, timeoutMs);
  return listing.split('\n').filter(Boolean).flatMap((line) => {
    const [meta, path] = line.split('\t') as [string, string];
    const mode = meta.split(' ')[0];
    if (mode === '120000') return [`${path} is a symbolic link in the repository (graded as a plain file)`];
    if (mode === '160000') return [`${path} is a git submodule (not graded)`];
    return [];
  });
}

interface Context {
  options: RegradeOptions;
  reportsDir: string;
  workDir: string;
  timeoutMs: number;
  cloneEnv: NodeJS.ProcessEnv;
  /** Environment of the grader: without the token. */
  graderEnv: NodeJS.ProcessEnv;
}

/** Commits dated before a parent or in the future, in the whole history of HEAD. */
async function dateFindings(clone: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string[]> {
  return historyFindings(parseCommitDates(await git(['log', '--format=%H %ct %P', 'HEAD', '--'], clone, env, timeoutMs)), new Date());
}

/** Makes sure `commit` is in the clone: a commit no branch reaches any more (a force-push) is fetched by id. */
async function ensureCommit(clone: string, commit: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<boolean> {
  const present = () => git(['cat-file', '-e', `${commit}^{commit}`], clone, env, timeoutMs).then(() => true, () => false);
  if (await present()) return true;
  await git(['fetch', '--quiet', 'origin', commit], clone, env, timeoutMs).catch(() => undefined);
  return present();
}

async function gradeSubmission(entry: RosterEntry, ctx: Context): Promise<CollectedReport> {
  const started = Date.now();
  const remaining = (): number => ctx.timeoutMs - (Date.now() - started);
  const { policy, snapshot, signal } = ctx.options;
  // Commit-date mode only: with a snapshot the commit is fixed whatever it is dated.
  const cutOffAt = snapshot || !policy ? undefined : cutOff(policy, entry.extension ? parseExtension(entry.extension) : undefined);
  const fromSnapshot = snapshot ? snapshotCommit(snapshot, entry.student, ctx.options.graded ?? 'head') : undefined;
  if (fromSnapshot && 'error' in fromSnapshot) throw new SubmissionFailure(fromSnapshot.error);
  if (signal?.aborted) throw new SubmissionFailure('cancelled before grading');
  const clone = join(ctx.workDir, entry.student);
  try {
    try {
      await git(['clone', '--no-checkout', '--quiet', '--', entry.source, clone], ctx.workDir, ctx.cloneEnv, remaining());
    } catch (error) {
      throw new SubmissionFailure(`could not clone ${redact(entry.source)}: ${gitMessage(error)}`);
    }
    let commit: string;
    let submittedAt: string;
    let dateProblems: string[] = [];
    if (fromSnapshot) {
      commit = fromSnapshot.commit;
      submittedAt = snapshot!.takenAt;
      if (!(await ensureCommit(clone, commit, ctx.cloneEnv, remaining()))) {
        throw new SubmissionFailure(`commit ${commit.slice(0, 12)} (${fromSnapshot.ref} at the snapshot) is no longer in the repository: was its history rewritten?`, commit);
      }
    } else {
      try {
        commit = await git(['rev-list', '-1', ...(cutOffAt ? [`--before=${gitDate(cutOffAt)}`] : []), 'HEAD', '--'], clone, ctx.cloneEnv, remaining());
      } catch (error) {
        const message = gitMessage(error);
        throw new SubmissionFailure(/ambiguous argument 'HEAD'|unknown revision|bad revision 'HEAD'/.test(message) ? 'the repository has no commits' : `could not read the history: ${message}`);
      }
      if (!commit) throw new SubmissionFailure(`no commit at or before the cut-off ${cutOffAt!.toISOString()}`);
      try {
        submittedAt = new Date(await git(['show', '-s', '--format=%cI', commit], clone, ctx.cloneEnv, remaining())).toISOString();
        dateProblems = await dateFindings(clone, ctx.cloneEnv, remaining());
      } catch (error) {
        throw new SubmissionFailure(`could not read the history: ${gitMessage(error)}`, commit);
      }
    }
    let findings: string[];
    try {
      // Symbolic links become plain files: a link to the grader's own solutions must not be followed.
      await git(['-c', 'advice.detachedHead=false', '-c', 'core.symlinks=false', 'checkout', '--quiet', commit], clone, ctx.cloneEnv, remaining());
      findings = [...(await treeFindings(clone, commit, ctx.cloneEnv, remaining())), ...protectedFileFindings(clone), ...dateProblems];
    } catch (error) {
      throw new SubmissionFailure(`could not check out ${commit.slice(0, 12)}: ${gitMessage(error)}`, commit);
    }
    const exercises = join(clone, 'exercises');
    if (!existsSync(exercises) || !lstatSync(exercises).isDirectory()) throw new SubmissionFailure(`no exercises/ folder at commit ${commit.slice(0, 12)}`, commit);
    if (remaining() <= 0) throw new SubmissionFailure(`ran out of time (${Math.round(ctx.timeoutMs / 1000)} s) before grading`, commit);
    let report: CollectedReport;
    try {
      report = (await runGrader(exercises, ctx.options.graderArgs ?? [], ctx.graderEnv, { timeoutMs: remaining(), signal })).report;
    } catch (error) {
      if (signal?.aborted) throw new SubmissionFailure('cancelled while grading', commit);
      if (error instanceof GraderTimeoutError) {
        throw new SubmissionFailure(`grading did not finish within ${Math.round(ctx.timeoutMs / 1000)} s (clone included) and was killed`, commit);
      }
      throw new SubmissionFailure(`the grader failed: ${graderMessage(error)}`, commit);
    }
    const integrity = findings.length ? { ok: false, findings: [...report.integrity.findings, ...findings] } : report.integrity;
    return { ...report, submission: redact(entry.source), commit, submittedAt, integrity };
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

/** Runs `task` on every item with at most `jobs` at a time. */
async function pool<T>(items: readonly T[], jobs: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
}

export async function regrade(options: RegradeOptions): Promise<RegradeResult> {
  const log = options.log ?? (() => {});
  const reportsDir = join(options.out, 'reports');
  mkdirSync(reportsDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'seqlab-regrade-'));
  const ctx: Context = {
    options,
    reportsDir,
    workDir,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    cloneEnv: gitEnv(options.token),
    // A key set to undefined is left out of the child's environment: student code never sees the token.
    graderEnv: { SEQLAB_CLONE_TOKEN: undefined, SEQLAB_SANDBOX: options.sandbox ?? 'bwrap' },
  };
  const timings: SubmissionTiming[] = [];
  const total = options.roster.length;
  let done = 0;
  try {
    await pool(options.roster, options.jobs ?? DEFAULT_JOBS, async (entry) => {
      const folder = join(reportsDir, entry.student);
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      const started = Date.now();
      let line: string;
      try {
        const report = await gradeSubmission(entry, ctx);
        writeFileSync(join(folder, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
        line = `${report.score} / ${report.maxScore} at ${report.commit!.slice(0, 12)}${report.integrity.ok ? '' : ' (flagged)'}`;
      } catch (error) {
        const failure = error instanceof SubmissionFailure ? error : new SubmissionFailure(`regrade failed: ${redact((error as Error).message)}`);
        writeFileSync(join(folder, FAILURE_FILE), `${JSON.stringify({ reason: failure.message, ...(failure.commit ? { commit: failure.commit } : {}), source: redact(entry.source) }, null, 2)}\n`);
        line = `no grade: ${failure.message}`;
      }
      const seconds = (Date.now() - started) / 1000;
      timings.push({ student: entry.student, seconds });
      log(`[${++done}/${total}] ${entry.student}: ${line} (${seconds.toFixed(1)} s)`);
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  // Rows in roster order, read back from the files just written: the same rows `collect` makes of them.
  const rows = options.roster.map((entry) => rowFromFolder(join(reportsDir, entry.student), entry.student));
  return { rows, timings };
}
