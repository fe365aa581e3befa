/**
 * Grades a submission folder: runs the public and hidden suites through Vitest's Node API and builds the
 * report from what the run produced.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startVitest, type Reporter, type TestUserConfig } from 'vitest/node';
import { describeBackend, initBackend } from '../reference/backend.ts';
import { COURSE } from './manifest.ts';
import { REPO_ROOT } from './paths.ts';
import { buildReport, type GradeReport } from './report.ts';
import { outcomeCollector, type RunOutcome } from './results.ts';
import { prepareSandbox } from './sandbox/prepare.ts';

export interface GradeOptions {
  /** The folder with the exercises/ layout to grade. */
  submission: string;
  /** Only these exercise ids (default: all). */
  only?: string[];
  /** Run student code inside the test workers instead of sandboxed processes: for trusted code only. */
  inProcess?: boolean;
  /** Where Vitest's JUnit reporter writes its XML, if anywhere. */
  junitFile?: string;
}

/** A problem with the grader's own input or environment: the CLI prints it and exits non-zero. */
export class GraderError extends Error {
  override name = 'GraderError';
}

export async function grade(options: GradeOptions): Promise<GradeReport> {
  const submission = resolve(options.submission);
  if (!existsSync(submission) || !statSync(submission).isDirectory()) {
    throw new GraderError(`submission folder ${submission} does not exist`);
  }
  const only = options.only ?? COURSE.map((e) => e.id);
  const unknown = only.filter((id) => !COURSE.some((e) => e.id === id));
  if (unknown.length) throw new GraderError(`unknown exercise ${unknown.join(', ')}; known: ${COURSE.map((e) => e.id).join(', ')}`);

  const backend = await initBackend();
  // Workers inherit these: the same backend everywhere, announced once, and the folder to grade.
  process.env.SEQLAB_BACKEND = backend.name;
  process.env.SEQLAB_BACKEND_ANNOUNCED = describeBackend(backend);
  process.env.SEQLAB_SUBMISSION = submission;
  const sandbox = options.inProcess ? undefined : prepareSandbox(submission);
  if (sandbox) process.env.SEQLAB_SANDBOX_DIR = sandbox.root;
  else delete process.env.SEQLAB_SANDBOX_DIR;
  try {
    return await runSuites(only, options, backend.name, submission);
  } finally {
    if (sandbox) rmSync(sandbox.root, { recursive: true, force: true });
  }
}

async function runSuites(only: string[], options: GradeOptions, backend: string, submission: string): Promise<GradeReport> {
  let outcome: RunOutcome | undefined;
  // Vitest's type for this list is a union it cannot narrow while pushing; the entries are its documented forms.
  const reporters: (Reporter | [string, Record<string, unknown>])[] = [outcomeCollector((o) => (outcome = o))];
  if (options.junitFile) reporters.push(['junit', { outputFile: options.junitFile }]);
  // Line annotations on failing tests; our own Markdown is the job summary.
  if (process.env.GITHUB_ACTIONS === 'true') reporters.push(['github-actions', { jobSummary: { enabled: false } }]);
  const vitest = await startVitest(
    'test',
    only.map((id) => `/${id}`),
    {
      config: join(REPO_ROOT, 'grader/grading.config.ts'),
      root: REPO_ROOT,
      watch: false,
      reporters: reporters as TestUserConfig['reporters'],
      // Student console output would bury the report; the tests' messages carry what matters.
      silent: true,
    },
  );
  await vitest.close();
  if (!outcome) throw new GraderError('Vitest finished without reporting any result');
  return buildReport(outcome, { backend, submission, only: options.only });
}
