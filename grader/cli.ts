/**
 * seqlab's command line: `npm run grade -- [--submission DIR] [--out OUT] [--only ID,ID]`.
 * Exit status 0 whenever grading completed, whatever the score; 2 when the grader itself could not run.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { publishToGitHub, REPORT_FILES, writeReportFiles } from './formats/write.ts';
import { grade, GraderError } from './grade.ts';
import { REPO_ROOT } from './paths.ts';
import { formatReportTable } from './table.ts';

const USAGE = `usage: npm run grade -- [--submission DIR] [--out OUT] [--only ID[,ID…]] [--fail-under N]
  --submission DIR   folder with the exercises/ layout to grade (default: exercises)
  --out OUT          where the reports go (default: .seqlab): JSON, Markdown, Gradescope, Classroom, JUnit
  --only IDS         grade only these exercises, e.g. 01-rnn-forward,04-lstm
  --in-process       run student code inside the test workers, not sandboxed (trusted code only)
  --seed N           seed of the hidden suites' random inputs (default: the course's fixed seed)
  --fail-under N     exit with status 1 when the score is below N (default: exit 0 whenever grading completed)`;

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
  const report = await grade({
    submission: resolve(values.submission),
    only: values.only?.split(',').map((id) => id.trim()),
    inProcess: values['in-process'],
    junitFile: join(out, REPORT_FILES.junit),
  });
  writeReportFiles(report, out);
  console.log(formatReportTable(report));
  for (const line of publishToGitHub(report)) console.log(line);
  const shown = relative(REPO_ROOT, out);
  console.log(`\nReports in ${shown && !shown.startsWith('..') ? shown : out}: ${Object.values(REPORT_FILES).join(', ')}`);
  if (failUnder !== undefined && report.score < failUnder) {
    console.error(`seqlab: score ${report.score} is below --fail-under ${failUnder}`);
    process.exitCode = 1;
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = { grade: gradeCommand };

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = commands[name ?? ''];
  if (!command) throw new GraderError(`unknown command '${name ?? ''}'; commands: ${Object.keys(commands).join(', ')}`);
  await command(args);
}

try {
  await main();
  // Vitest and the wasm backend can leave handles open; the work is done and written.
  process.exit(process.exitCode ?? 0);
} catch (error) {
  const known = error instanceof GraderError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  console.error(`seqlab: ${known ? (error as Error).message : (error as Error).stack ?? String(error)}`);
  if (known) console.error(USAGE);
  process.exit(2);
}
