/**
 * seqlab's command line: `npm run grade -- [--submission DIR] [--out OUT] [--only ID,ID]`. The teacher's
 * commands are in grader/teacher/cli.ts.
 * Exit status 0 whenever grading completed, whatever the score; 2 when the grader itself could not run.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GraderError, runCommandLine } from '../runtime/command-line.ts';
import { publishToGitHub, REPORT_FILES, writeReportFiles } from './formats/write.ts';
import { gradedCommit } from './graded-commit.ts';
import { grade } from './grade.ts';
import { readReleaseContext } from './release/context.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { formatReportTable } from './table.ts';

const USAGE = `usage: npm run grade -- [--submission DIR] [--out OUT] [--only ID[,ID…]] [--fail-under N]
  --submission DIR   folder with the exercises/ layout to grade (default: exercises)
  --out OUT          where the reports go (default: .seqlab): JSON, Markdown, Gradescope, JUnit
  --only IDS         grade only these exercises, e.g. 01-rnn-forward,04-lstm
  --in-process       run student code inside the test workers, not sandboxed (trusted code only)
  --seed N           seed of the hidden suites' random inputs (default: the course's fixed seed)
  --fail-under N     exit with status 1 when the score is below N (default: exit 0 whenever grading completed)
  --hidden-key KEY   in a student release: the key of its hidden suites (or env SEQLAB_GRADER_KEY); the
                     course repository holds them in plain text and ignores it`;

async function gradeCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      submission: { type: 'string', default: 'exercises' },
      out: { type: 'string', default: '.seqlab' },
      only: { type: 'string' },
      'in-process': { type: 'boolean', default: false },
      seed: { type: 'string' },
      'fail-under': { type: 'string' },
      'hidden-key': { type: 'string' },
      // Internal: JSON from grader/grading/release/unlock.ts (a release's integrity result and withheld hidden tests).
      'release-context': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const failUnder = values['fail-under'] === undefined ? undefined : Number(values['fail-under']);
  if (failUnder !== undefined && !Number.isFinite(failUnder)) throw new GraderError(`--fail-under needs a number, got '${values['fail-under']}'`);
  if (values.seed !== undefined) process.env.SEQLAB_SEED = values.seed;
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const submission = resolve(values.submission);
  const graded = await grade({
    submission,
    only: values.only?.split(',').map((id) => id.trim()),
    inProcess: values['in-process'],
    junitFile: join(out, REPORT_FILES.junit),
    release: values['release-context'] ? readReleaseContext(values['release-context']) : undefined,
  });
  // Vitest sets process.exitCode to 1 when a test fails; the grader's exit status is its own (contract:
  // 0 whenever grading completed, 1 only under --fail-under).
  process.exitCode = undefined;
  const commit = gradedCommit(submission);
  const report = commit ? { ...graded, commit } : graded;
  writeReportFiles(report, out);
  console.log(formatReportTable(report));
  publishToGitHub(report);
  const shown = relative(REPO_ROOT, out);
  console.log(`\nReports in ${shown && !shown.startsWith('..') ? shown : out}: ${Object.values(REPORT_FILES).join(', ')}`);
  if (failUnder !== undefined && report.score < failUnder) {
    console.error(`seqlab: score ${report.score} is below --fail-under ${failUnder}`);
    process.exitCode = 1;
  }
}

await runCommandLine({ grade: gradeCommand }, USAGE);
