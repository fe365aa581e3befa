/**
 * The loader seam: the only way suites (public and hidden) reach a student's functions.
 *
 *     const student = loadSubmission<typeof Exercise>('01-rnn-forward');
 *     const { h } = await student.rnnStepForward(x, hPrev, Wx, Wh, b);
 *
 * Every call is asynchronous and returns a copy of plain data. Two ways to run the student code:
 * - in a child process per exercise (the student's own runs: grader/student/), with a time limit per call,
 *   errors that name the line of the student's file, and a check that the function left its arguments
 *   untouched;
 * - sandboxed (whenever the grader computes points; SEQLAB_SANDBOX_RUN describes the folder it prepared and
 *   the isolation it chose): each exercise runs in its own isolated process (grader/sandbox/), so no student
 *   code ever runs beside the suites, the reference or the expected values.
 * A module that fails to load fails every test that calls it, with the load error.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SubmissionLoadError } from './errors.ts';
import { exerciseById, slugOf } from './manifest.ts';
import { exerciseModulePath, REPO_ROOT } from './paths.ts';
import type { SandboxRun } from '../sandbox/isolation.ts';
import { StudentProcess } from '../student/process.ts';

export { InputMutationError, SubmissionLoadError } from './errors.ts';

type AnyFunction = (...args: never[]) => unknown;
/** The module's functions as the seam exposes them: same arguments, always a Promise of the result. */
export type Remote<M> = {
  [K in keyof M as M[K] extends AnyFunction ? K : never]: M[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

interface ExerciseRunner {
  call(fn: string, args: unknown[]): Promise<unknown>;
}

/** The folder graded: SEQLAB_SUBMISSION (set by the grader), else the repository's exercises/. */
export function submissionDir(): string {
  const dir = process.env.SEQLAB_SUBMISSION;
  if (!dir) return join(REPO_ROOT, 'exercises');
  return isAbsolute(dir) ? dir : resolve(REPO_ROOT, dir);
}

/** Graded runs only: the sandbox client is never loaded by a student's in-process `npm test`. */
function sandboxedRunner(id: string, runJson: string): ExerciseRunner {
  const run = JSON.parse(runJson) as SandboxRun;
  const modulePath = join(run.folder.submission, id, `${slugOf(id)}.js`);
  // The grader read the submission without following links (grader/sandbox/intake.ts): what it did not
  // take into the sandbox folder does not exist for grading.
  if (!existsSync(modulePath)) {
    const missing = new SubmissionLoadError(`${id}: no file ${exerciseModulePath(submissionDir(), id)}`);
    return { call: () => Promise.reject(missing) };
  }
  const client = import('../sandbox/client.ts').then(({ SandboxedExercise }) => new SandboxedExercise(id, modulePath, run));
  return { call: async (fn, args) => (await client).call(fn, args) };
}

const runners = new Map<string, ExerciseRunner>();

function runnerFor(id: string): ExerciseRunner {
  const sandboxRun = process.env.SEQLAB_SANDBOX_RUN;
  const studentFile = exerciseModulePath(submissionDir(), id);
  const key = `${sandboxRun ?? ''}|${studentFile}`;
  let runner = runners.get(key);
  if (!runner) {
    if (sandboxRun) runner = sandboxedRunner(id, sandboxRun);
    else runner = new StudentProcess(id, studentFile, submissionDir());
    runners.set(key, runner);
  }
  return runner;
}

export function loadSubmission<M>(id: string): Remote<M> {
  const functions = new Set(exerciseById(id).functions);
  return new Proxy({} as Remote<M>, {
    get(_target, name) {
      if (typeof name !== 'string' || !functions.has(name)) return undefined;
      return (...args: unknown[]) => runnerFor(id).call(name, args);
    },
  });
}
