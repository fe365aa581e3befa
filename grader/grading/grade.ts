/**
 * Grades a submission folder: runs the public and hidden suites through Vitest's Node API and builds the
 * report from what the run produced.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Writable } from 'node:stream';
import { startVitest, type Reporter, type TestUserConfig } from 'vitest/node';
import { GraderError } from '../runtime/command-line.ts';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { buildReport, type GradeReport, type ReportContext } from './report.ts';
import { outcomeCollector, type RunOutcome } from './results.ts';
import { NO_BACKEND, referenceBackend } from './reference-backend.ts';
import { chooseIsolation, type SandboxLevel } from '../sandbox/isolation.ts';
import { prepareSandbox } from '../sandbox/prepare.ts';

export interface GradeOptions {
  /** The folder with the exercises/ layout to grade. */
  submission: string;
  /** Only these exercise ids (default: all). */
  only?: string[];
  /** Run student code inside the test workers instead of sandboxed processes: for trusted code only. */
  inProcess?: boolean;
  /** Where Vitest's JUnit reporter writes its XML, if anywhere. */
  junitFile?: string;
  /** A student release's integrity check and withheld hidden tests (grader/grading/release/unlock.ts). */
  release?: Pick<ReportContext, 'integrity' | 'withheld'>;
}

export async function grade(options: GradeOptions): Promise<GradeReport> {
  const submission = resolve(options.submission);
  if (!existsSync(submission) || !statSync(submission).isDirectory()) {
    throw new GraderError(`submission folder ${submission} does not exist`);
  }
  const only = options.only ?? COURSE.map((e) => e.id);
  const unknown = only.filter((id) => !COURSE.some((e) => e.id === id));
  if (unknown.length) throw new GraderError(`unknown exercise ${unknown.join(', ')}; known: ${COURSE.map((e) => e.id).join(', ')}`);

  // A student release graded without its key has no reference (and no hidden suites): no backend then.
  const reference = await referenceBackend();
  const backend = reference ? await reference.initBackend() : undefined;
  // Workers inherit these: the same backend everywhere, announced once, and the folder to grade.
  if (reference && backend) {
    process.env.SEQLAB_BACKEND = backend.name;
    process.env.SEQLAB_BACKEND_ANNOUNCED = reference.describeBackend(backend);
  } else process.env.SEQLAB_BACKEND_ANNOUNCED = `${NO_BACKEND} (no reference in this folder)`;
  process.env.SEQLAB_SUBMISSION = submission;
  const sandbox = options.inProcess ? undefined : prepareSandbox(submission);
  const removeSandbox = (): void => {
    if (sandbox) rmSync(sandbox.root, { recursive: true, force: true });
  };
  // An interrupted grade (Ctrl-C, a cancelled job) must not leave the submission's copy behind.
  const onSignal = (signal: NodeJS.Signals): void => {
    removeSandbox();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    const choice = sandbox ? await chooseIsolation(sandbox).catch((error: Error) => Promise.reject(new GraderError(error.message))) : undefined;
    if (choice) process.env.SEQLAB_SANDBOX_RUN = JSON.stringify(choice.run);
    else delete process.env.SEQLAB_SANDBOX_RUN;
    for (const warning of choice?.warnings.slice(0, 1) ?? []) console.error(`seqlab: ${warning}`);
    return await runSuites(only, options, {
      backend: backend?.name ?? NO_BACKEND,
      submission,
      sandbox: choice?.run.isolation ?? 'in-process',
      sandboxWarnings: choice?.warnings ?? [],
      intakeFindings: sandbox?.findings ?? [],
    });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    removeSandbox();
  }
}

/** What the run itself adds to the report, beside the tests' outcomes. */
interface RunFacts {
  backend: string;
  submission: string;
  sandbox: SandboxLevel;
  sandboxWarnings: string[];
  /** Links, special files and caps the intake refused (grader/sandbox/intake.ts). */
  intakeFindings: string[];
}

/**
 * Vitest's JUnit reporter announces its file on stdout; the grader names every report file itself at the end,
 * so the line is noise in a student's terminal. Everything else Vitest prints passes through.
 */
function withoutJunitNotice(out: NodeJS.WriteStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString();
      if (!/^JUNIT report written to /.test(text.trim())) out.write(text);
      done();
    },
  });
}

async function runSuites(only: string[], options: GradeOptions, facts: RunFacts): Promise<GradeReport> {
  let outcome: RunOutcome | undefined;
  // Vitest's type for this list is a union it cannot narrow while pushing; the entries are its documented forms.
  const reporters: (Reporter | [string, Record<string, unknown>])[] = [outcomeCollector((o) => (outcome = o))];
  if (options.junitFile) reporters.push(['junit', { outputFile: options.junitFile }]);
  // Line annotations on failing tests; our own Markdown is the job summary.
  // Paths relative to the root, so that a run from a release's private mirror (grader/grading/release/unlock.ts)
  // annotates the same files in the student's repository.
  const onWritePath = (path: string) => (path.startsWith(REPO_ROOT + sep) ? relative(REPO_ROOT, path).split(sep).join('/') : path);
  if (process.env.GITHUB_ACTIONS === 'true') reporters.push(['github-actions', { jobSummary: { enabled: false }, onWritePath }]);
  const vitest = await startVitest(
    'test',
    only.map((id) => `/${id}`),
    {
      config: join(REPO_ROOT, 'grader/grading/grading.config.ts'),
      root: REPO_ROOT,
      watch: false,
      reporters: reporters as TestUserConfig['reporters'],
      // Student console output would bury the report; the tests' messages carry what matters.
      silent: true,
    },
    undefined,
    { stdout: withoutJunitNotice(process.stdout) },
  );
  await vitest.close();
  if (!outcome) throw new GraderError('Vitest finished without reporting any result');
  const released = options.release?.integrity ?? { ok: true, findings: [] };
  const findings = [...released.findings, ...facts.intakeFindings];
  return buildReport(outcome, {
    backend: facts.backend,
    submission: facts.submission,
    sandbox: facts.sandbox,
    warnings: facts.sandboxWarnings,
    only: options.only,
    withheld: options.release?.withheld,
    integrity: { ok: released.ok && facts.intakeFindings.length === 0, findings },
  });
}
