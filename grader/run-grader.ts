/**
 * Runs `npm run grade` the way a user does (a separate Node process) and returns the report it wrote.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.ts';
import type { GradeReport } from './report.ts';

const run = promisify(execFile);

export interface GraderRun {
  report: GradeReport;
  stdout: string;
  stderr: string;
}

export async function runGrader(submission: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<GraderRun> {
  const out = mkdtempSync(join(tmpdir(), 'seqlab-grade-'));
  const args = ['--import', './grader/loader/register.mjs', 'grader/cli.ts', 'grade', '--submission', submission, '--out', out, ...extraArgs];
  // The grader picks its own backend and submission: drop what this test process inherited.
  const { SEQLAB_BACKEND_ANNOUNCED: _a, SEQLAB_SUBMISSION: _s, VITEST: _v, VITEST_WORKER_ID: _w, VITEST_POOL_ID: _p, NODE_OPTIONS: _n, ...inherited } = process.env;
  const { stdout, stderr } = await run(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(readFileSync(join(out, 'grade-report.json'), 'utf8')) as GradeReport;
  rmSync(out, { recursive: true, force: true });
  return { report, stdout, stderr };
}
