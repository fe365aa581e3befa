/**
 * The timed command cases of bench/run.ts and how one is timed: a child process, wall clock from spawn
 * to exit. Vitest is started as `node node_modules/vitest/vitest.mjs` (not through npm or npx) so that
 * npm's own start-up stays out of the numbers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../grader/runtime/paths.ts';

export type Group = 'floor' | 'feedback' | 'grading' | 'speed-up';

export interface CommandCase {
  id: string;
  group: Group;
  label: string;
  /** Arguments to `node`. */
  args: (scratch: string) => string[];
  /** Added to the cleaned environment. */
  env?: Record<string, string>;
  /** The exit code the case is expected to end with (the stubs fail their tests: 1). */
  expectedExit: number;
}

const VITEST = ['node_modules/vitest/vitest.mjs', 'run'];
const TS = ['--import', './grader/runtime/loader/register.mjs'];
const SOLUTIONS = { SEQLAB_SUBMISSION: 'solutions' };

export const COMMAND_CASES: CommandCase[] = [
  {
    id: 'floor',
    group: 'floor',
    label: 'floor: bare Vitest, one trivial test',
    args: () => [...VITEST, '--config', 'bench/floor/vitest.config.ts'],
    expectedExit: 0,
  },
  {
    id: 'feedback-01-stubs',
    group: 'feedback',
    label: 'public tests of 01, stubs',
    args: () => [...VITEST, '--config', 'grader/student/exercises.config.ts', '01-rnn-forward'],
    expectedExit: 1,
  },
  {
    id: 'feedback-01-solutions',
    group: 'feedback',
    label: 'public tests of 01, solutions',
    args: () => [...VITEST, '--config', 'grader/student/exercises.config.ts', '01-rnn-forward'],
    env: SOLUTIONS,
    expectedExit: 0,
  },
  {
    id: 'feedback-all-solutions',
    group: 'feedback',
    label: 'all public tests, solutions',
    args: () => [...VITEST, '--config', 'grader/student/exercises.config.ts'],
    env: SOLUTIONS,
    expectedExit: 0,
  },
  {
    id: 'grade-solutions',
    group: 'grading',
    label: 'npm run grade, solutions (public + hidden), bubblewrap sandbox',
    args: (scratch) => [...TS, 'grader/grading/cli.ts', 'grade', '--submission', 'solutions', '--out', scratch],
    env: { SEQLAB_SANDBOX: 'bwrap' },
    expectedExit: 0,
  },
  {
    id: 'grade-solutions-permission-model',
    group: 'speed-up',
    label: "npm run grade, solutions, Node's permission model alone",
    args: (scratch) => [...TS, 'grader/grading/cli.ts', 'grade', '--submission', 'solutions', '--out', scratch],
    env: { SEQLAB_SANDBOX: 'permission-model' },
    expectedExit: 0,
  },
  {
    id: 'grading-suites-no-isolate',
    group: 'speed-up',
    label: 'grading suites, solutions, --no-isolate (as configured)',
    args: () => [...VITEST, '--config', 'grader/grading/grading.config.ts', '--no-isolate'],
    env: SOLUTIONS,
    expectedExit: 0,
  },
  {
    id: 'grading-suites-isolate',
    group: 'speed-up',
    label: 'grading suites, solutions, --isolate',
    args: () => [...VITEST, '--config', 'grader/grading/grading.config.ts', '--isolate'],
    env: SOLUTIONS,
    expectedExit: 0,
  },
  {
    id: 'tfjs-file-with-hook',
    group: 'speed-up',
    label: 'reference/test/01-rnn-forward.test.ts, tfjs-core hook + external (as configured)',
    args: () => [...VITEST, '--config', 'vitest.config.ts', '--coverage.enabled=false', 'reference/test/01-rnn-forward.test.ts'],
    expectedExit: 0,
  },
  {
    id: 'tfjs-file-without-hook',
    group: 'speed-up',
    label: 'reference/test/01-rnn-forward.test.ts, tfjs-core transformed by Vite',
    args: () => [...VITEST, '--config', 'bench/configs/no-tfjs-hook.config.ts', '--coverage.enabled=false', 'reference/test/01-rnn-forward.test.ts'],
    expectedExit: 0,
  },
];

/** The environment children get: ours, minus what would change what they run or where they look. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SEQLAB_|VITEST)/.test(key) || key === 'NODE_OPTIONS' || key.startsWith('npm_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export interface ChildResult {
  seconds: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `node ...args` in the repository root and times it by wall clock. */
export function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - start) / 1000;
      resolvePromise({
        seconds,
        exitCode: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Times one run of a case; a scratch folder (the grader's --out) is made and removed around it. */
export async function timeCase(c: CommandCase): Promise<ChildResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'seqlab-bench-'));
  try {
    return await runNode(c.args(scratch), cleanEnv(c.env));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
