/**
 * Runs `npm run grade` the way a user does (a separate Node process) and returns the report it wrote.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../runtime/paths.ts';
import type { GradeReport } from '../grading/report.ts';

export interface GraderRun {
  report: GradeReport;
  stdout: string;
  stderr: string;
}

export interface RunGraderOptions {
  /** Kill the grader (with every process it started) after this long and reject with GraderTimeoutError. */
  timeoutMs?: number;
  /** Kill the grader (with every process it started) when this aborts. */
  signal?: AbortSignal;
}

/** The grader did not finish within RunGraderOptions.timeoutMs and was killed. */
export class GraderTimeoutError extends Error {
  override name = 'GraderTimeoutError';
}

/** The grader process failed: its exit code or signal and the end of what it printed. */
export class GraderProcessError extends Error {
  override name = 'GraderProcessError';
  constructor(message: string, readonly stdout: string, readonly stderr: string) {
    super(message);
  }
}

const MAX_OUTPUT = 64 * 1024 * 1024;

export async function runGrader(submission: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}, options: RunGraderOptions = {}): Promise<GraderRun> {
  const out = mkdtempSync(join(tmpdir(), 'seqlab-grade-'));
  const args = ['--import', './grader/runtime/loader/register.mjs', 'grader/grading/cli.ts', 'grade', '--submission', submission, '--out', out, ...extraArgs];
  // The grader picks its own backend and submission: drop what this test process inherited.
  const { SEQLAB_BACKEND_ANNOUNCED: _a, SEQLAB_SUBMISSION: _s, VITEST: _v, VITEST_WORKER_ID: _w, VITEST_POOL_ID: _p, NODE_OPTIONS: _n, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await runNode(args, { ...inherited, ...env }, options);
    const report = JSON.parse(readFileSync(join(out, 'grade-report.json'), 'utf8')) as GradeReport;
    return { report, stdout, stderr };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function runNode(args: string[], env: NodeJS.ProcessEnv, options: RunGraderOptions): Promise<{ stdout: string; stderr: string }> {
  // With a time limit or an abort signal the grader gets a process group of its own, so that killing it
  // also kills its Vitest workers and their sandboxed children.
  const killable = options.timeoutMs !== undefined || options.signal !== undefined;
  return new Promise((resolvePromise, reject) => {
    options.signal?.throwIfAborted();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, detached: killable, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-MAX_OUTPUT)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-MAX_OUTPUT)));
    let stopped: Error | undefined;
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(killable ? -child.pid : child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const stop = (error: Error): void => {
      stopped ??= error;
      killGroup();
    };
    const timer = options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => stop(new GraderTimeoutError(`grading did not finish within ${Math.round(options.timeoutMs! / 1000)} s and was killed`)), options.timeoutMs);
    const onAbort = (): void => stop(new Error('grading was cancelled'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => stop(error));
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Whatever the grader left behind in its group goes with it.
      if (killable) killGroup();
      if (stopped) reject(stopped);
      else if (code === 0) resolvePromise({ stdout, stderr });
      else {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new GraderProcessError(`the grader ${how}: ${stderr.trim().slice(-2000) || stdout.trim().slice(-2000)}`, stdout, stderr));
      }
    });
  });
}
