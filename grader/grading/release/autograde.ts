/**
 * The grading step of the autograders a release builds for other platforms (grader/teacher/release/autograders.ts):
 * `autograde.ts gradescope|classroom50 --submission DIR --results FILE [--hidden-visibility V]`.
 *
 * It runs from the autograder's own grading copy of the course (the "kit": the release as built, with the
 * reference and the hidden suites in plain text and without the solutions or any key), never from the
 * student's repository: the kit's grader grades the submission's `exercises/` with the hidden suites,
 * student code in the grader's sandbox. The student's repository, when the submission is one, is only
 * compared with the release manifest, so that an edited test or grader shows up as an integrity finding
 * beside the grade. Then it writes the platform's format:
 * - gradescope: results.json (grader/grading/formats/gradescope.ts). When grading fails, a results.json that says
 *   so (score 0) is still written, since Gradescope shows nothing else to the student; exit status 0.
 * - classroom50: result.json (grader/grading/formats/classroom50.ts), identity from the runner's environment,
 *   `datetime` from the checkout's HEAD commit. When grading fails: exit status 2 and no file, which
 *   Classroom 50's runner records as an error result.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { classroom50Identity, classroom50Result } from '../formats/classroom50.ts';
import { gradescopeResults, HIDDEN_VISIBILITIES, type HiddenVisibility } from '../formats/gradescope.ts';
import { COURSE } from '../../runtime/manifest.ts';
import { REPO_ROOT } from '../../runtime/paths.ts';
import type { GradeReport } from '../report.ts';
import { writeReleaseContext } from './context.ts';
import { MANIFEST_PATH, readManifest, verifyIntegrity, type IntegrityResult } from './integrity.ts';

const USAGE = `usage: autograde.ts gradescope|classroom50 --submission DIR --results FILE [--hidden-visibility V]
  --submission DIR        the student's repository (or a folder holding the exercise folders)
  --results FILE          where the platform's result file goes
  --hidden-visibility V   gradescope: when students see the hidden tests, ${HIDDEN_VISIBILITIES.join(' or ')} (default after_published)`;

class AutogradeError extends Error {
  override name = 'AutogradeError';
}

/** The submission's exercises: DIR/exercises in a repository, else DIR itself when it holds exercise folders. */
function exercisesOf(submission: string): { exercises: string; repository: string | undefined } {
  if (!existsSync(submission) || !statSync(submission).isDirectory()) throw new AutogradeError(`the submission folder ${submission} does not exist`);
  const nested = join(submission, 'exercises');
  if (existsSync(nested) && statSync(nested).isDirectory()) return { exercises: nested, repository: submission };
  if (COURSE.some((e) => existsSync(join(submission, e.id)))) return { exercises: submission, repository: undefined };
  throw new AutogradeError(`the submission has no exercises/ folder and no exercise folder (${COURSE[0]!.id}, …): submit the whole repository`);
}

/** The repository's integrity against the release manifest (the kit's copy is the authentic one). */
function repositoryIntegrity(repository: string | undefined): IntegrityResult {
  const manifest = readManifest(REPO_ROOT);
  if (!manifest) throw new AutogradeError(`${MANIFEST_PATH} is missing from the autograder's copy of the course`);
  return repository ? verifyIntegrity(repository, manifest) : { ok: true, findings: [] };
}

/** Runs the kit's grader (grader/grading/cli.ts) on the exercises; resolves to the report it wrote. */
async function gradeWithKit(exercises: string, integrity: IntegrityResult): Promise<GradeReport> {
  const out = mkdtempSync(join(tmpdir(), 'seqlab-autograde-'));
  try {
    const contextFile = join(out, 'release-context.json');
    writeReleaseContext(contextFile, { integrity });
    const grader = ['--import', './grader/runtime/loader/register.mjs', 'grader/grading/cli.ts', 'grade', '--submission', exercises, '--out', out, '--release-context', contextFile];
    const child = spawn(process.execPath, grader, { cwd: REPO_ROOT, env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
    const status = await new Promise<number | null>((done, fail) => {
      child.on('error', fail);
      child.on('exit', (code) => done(code));
    });
    const reportFile = join(out, 'grade-report.json');
    if (status !== 0 || !existsSync(reportFile)) throw new AutogradeError(`the grader could not run (exit status ${status}); its messages are above`);
    return JSON.parse(readFileSync(reportFile, 'utf8')) as GradeReport;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The committer date of the checkout's HEAD: Classroom 50's submission instant. */
function headCommitDate(checkout: string): Date {
  const log = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: checkout, encoding: 'utf8' });
  const seconds = Number(log.stdout.trim());
  if (log.status !== 0 || !Number.isInteger(seconds) || seconds <= 0) {
    throw new AutogradeError(`no commit in ${checkout} (${(log.stderr || log.error?.message || '').trim()}): Classroom 50 runs the autograder in the student's checkout`);
  }
  return new Date(seconds * 1000);
}

const seconds = (since: number): number => (performance.now() - since) / 1000;

async function main(): Promise<number> {
  const started = performance.now();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      submission: { type: 'string' },
      results: { type: 'string' },
      'hidden-visibility': { type: 'string', default: 'after_published' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const platform = positionals[0];
  if (platform !== 'gradescope' && platform !== 'classroom50') throw new AutogradeError(`the platform must be gradescope or classroom50, got '${platform ?? ''}'`);
  if (!values.submission || !values.results) throw new AutogradeError('--submission DIR and --results FILE are required');
  const visibility = values['hidden-visibility'] as HiddenVisibility;
  if (!HIDDEN_VISIBILITIES.includes(visibility)) throw new AutogradeError(`--hidden-visibility must be ${HIDDEN_VISIBILITIES.join(' or ')}, got '${visibility}'`);
  if (!existsSync(join(REPO_ROOT, 'grader/hidden'))) throw new AutogradeError(`${REPO_ROOT} holds no hidden suites: run the autograder that npm run release writes, not a student release`);
  const submission = resolve(values.submission);
  const results = resolve(values.results);

  if (platform === 'classroom50') {
    const identity = classroom50Identity(process.env); // before grading: a wrong setup fails in a second
    const { exercises, repository } = exercisesOf(submission);
    const report = await gradeWithKit(exercises, repositoryIntegrity(repository));
    writeFileSync(results, `${JSON.stringify(classroom50Result(report, identity, headCommitDate(submission)), null, 2)}\n`);
    console.log(`seqlab: ${report.score}/${report.maxScore} points → ${results}`);
    return 0;
  }
  try {
    const { exercises, repository } = exercisesOf(submission);
    const report = await gradeWithKit(exercises, repositoryIntegrity(repository));
    writeFileSync(results, `${JSON.stringify(gradescopeResults(report, { hiddenVisibility: visibility, executionTime: seconds(started) }), null, 2)}\n`);
    console.log(`seqlab: ${report.score}/${report.maxScore} points → ${results}`);
  } catch (error) {
    if (!(error instanceof AutogradeError)) throw error;
    console.error(`seqlab autograder: ${error.message}`);
    const failed = {
      score: 0,
      execution_time: Math.round(seconds(started)),
      output: `**The autograder could not grade this submission**: ${error.message}. Your instructor sees the details.`,
      output_format: 'md',
      tests: [],
    };
    writeFileSync(results, `${JSON.stringify(failed, null, 2)}\n`);
  }
  return 0;
}

try {
  process.exit(await main());
} catch (error) {
  const known = error instanceof AutogradeError || (error as Error).name === 'Classroom50Error' || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(`seqlab autograder: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}`);
  if (known) console.error(USAGE);
  process.exit(2);
}
