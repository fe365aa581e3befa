/**
 * The grade report: the one place where points are computed. Input: the manifest and a run's outcome.
 * Output: grade-report.json as docs/grading.md and docs/grade-report.schema.json fix it (schemaVersion 1).
 */
import { basename, relative, sep } from 'node:path';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import type { ModuleOutcome, RunOutcome, TestOutcome } from './results.ts';
import type { SandboxLevel } from '../sandbox/isolation.ts';
import { TODO_PREFIX } from '../runtime/stubs.ts';
import { studentText } from '../runtime/student-text.ts';

export type TestStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface TestReport {
  name: string;
  status: TestStatus;
  score: number;
  maxScore: number;
  hidden: boolean;
  message: string;
}

export interface ExerciseReport {
  id: string;
  title: string;
  score: number;
  maxScore: number;
  tests: TestReport[];
}

export interface GradeReport {
  schemaVersion: 1;
  score: number;
  maxScore: number;
  backend: string;
  submission: string;
  gradedAt: string;
  exercises: ExerciseReport[];
  integrity: { ok: boolean; findings: string[] };
  /**
   * The isolation student code had: `bwrap` (operating-system namespaces: authoritative), `permission-model`
   * (Node's permission model alone: not authoritative), `in-process` (trusted code only, no sandbox).
   */
  sandbox: SandboxLevel;
  /** Problems outside any single test (they cost no points by themselves, but a reader should see them). */
  warnings: string[];
  /** The commit graded (grader/grading/graded-commit.ts), when the submission is in a git repository. */
  commit?: string;
}

export interface ReportContext {
  backend: string;
  submission: string;
  sandbox: SandboxLevel;
  /** Problems of the run itself (e.g. why student code was not in an operating-system sandbox). */
  warnings?: readonly string[];
  gradedAt?: Date;
  integrity?: GradeReport['integrity'];
  /** Grade only these exercises (a developer's partial run); default: the whole course. */
  only?: readonly string[];
  /**
   * Hidden tests a student release could not run (no grading key), per exercise: reported as skipped, with
   * their points in maxScore and WITHHELD_MESSAGE, never as passed.
   */
  withheld?: Readonly<Record<string, readonly { name: string; points: number }[]>>;
}

/** The message of a hidden test that a student release withholds without the grading key. */
export const WITHHELD_MESSAGE = 'runs in CI (hidden test: needs the grading key)';

/** Vitest error names that mean the submission module itself could not be used. */
const LOAD_ERRORS = new Set(['SubmissionLoadError']);
const MAX_MESSAGE = 2000;

/**
 * A failed test's first error as a student should read it: TODO errors say so; no escape or control
 * characters and at most MAX_MESSAGE characters, whatever the student code put into it.
 */
export function message(errors: TestOutcome['errors']): string {
  const first = errors[0];
  if (!first) return '';
  let text = studentText(first.message, MAX_MESSAGE).trim();
  if (text.startsWith(TODO_PREFIX)) text = `not implemented yet — ${text}`;
  return text;
}

function testReport(test: TestOutcome, hidden: boolean): TestReport {
  const maxScore = test.points ?? 0;
  const status: TestStatus =
    test.state === 'passed'
      ? 'passed'
      : test.state === 'failed'
        ? LOAD_ERRORS.has(test.errors[0]?.name ?? '')
          ? 'error'
          : 'failed'
        : 'skipped';
  return { name: test.name, status, score: status === 'passed' ? maxScore : 0, maxScore, hidden, message: message(test.errors) };
}

/** Which exercise a test file belongs to, and whether it is hidden: exercises/<id>/… or grader/hidden/<id>.test.ts. */
export function classifyTestFile(file: string): { id: string; hidden: boolean } | undefined {
  const parts = relative(REPO_ROOT, file).split(sep);
  if (parts[0] === 'exercises' && parts.length === 3) return { id: parts[1]!, hidden: false };
  if (parts[0] === 'grader' && parts[1] === 'hidden' && parts.length === 3) {
    return { id: basename(parts[2]!, '.test.ts'), hidden: true };
  }
  return undefined;
}

function moduleTests(module: ModuleOutcome, hidden: boolean): TestReport[] {
  const tests = module.tests.map((t) => testReport(t, hidden));
  if (module.errors.length > 0 && tests.every((t) => t.status !== 'passed')) {
    // The file crashed before or while running: keep what ran, and say why the rest did not.
    tests.push({
      name: `${relative(REPO_ROOT, module.file)} could not run`,
      status: 'error',
      score: 0,
      maxScore: 0,
      hidden,
      message: message(module.errors),
    });
  }
  return tests;
}

export function buildReport(run: RunOutcome, context: ReportContext): GradeReport {
  const warnings = [...(context.warnings ?? []), ...run.unhandledErrors.map((e) => studentText(e, MAX_MESSAGE))];
  const byExercise = new Map<string, TestReport[]>();
  // Public suites before hidden ones, each in path order: the same report whatever order files finished in.
  const modules = run.modules
    .map((module) => ({ module, owner: classifyTestFile(module.file) }))
    .sort((a, b) => Number(a.owner?.hidden) - Number(b.owner?.hidden) || a.module.file.localeCompare(b.module.file));
  for (const { module, owner } of modules) {
    if (!owner) {
      warnings.push(`test file outside the course layout ignored: ${module.file}`);
      continue;
    }
    byExercise.set(owner.id, [...(byExercise.get(owner.id) ?? []), ...moduleTests(module, owner.hidden)]);
  }
  const graded = COURSE.filter((spec) => !context.only || context.only.includes(spec.id));
  const exercises = graded.map((spec): ExerciseReport => {
    const withheld = (context.withheld?.[spec.id] ?? []).map(
      (t): TestReport => ({ name: t.name, status: 'skipped', score: 0, maxScore: t.points, hidden: true, message: WITHHELD_MESSAGE }),
    );
    const tests = [...(byExercise.get(spec.id) ?? []), ...withheld];
    const counted = tests.reduce((sum, t) => sum + t.maxScore, 0);
    if (counted < spec.points) {
      // Points the manifest promises but no test reported (a suite that crashed or was never run):
      // they stay in maxScore so that a broken run can never look like a better grade.
      const crashed = tests.find((t) => t.status === 'error' && t.maxScore === 0);
      const missing = spec.points - counted;
      if (crashed) crashed.maxScore = missing;
      else tests.push({ name: `${spec.id}: tests did not run`, status: 'error', score: 0, maxScore: missing, hidden: false, message: 'no result was reported for these points' });
    }
    const score = tests.reduce((sum, t) => sum + t.score, 0);
    const maxScore = tests.reduce((sum, t) => sum + t.maxScore, 0);
    return { id: spec.id, title: spec.title, score, maxScore, tests };
  });
  return {
    schemaVersion: 1,
    score: exercises.reduce((sum, e) => sum + e.score, 0),
    maxScore: exercises.reduce((sum, e) => sum + e.maxScore, 0),
    backend: context.backend,
    submission: context.submission,
    gradedAt: (context.gradedAt ?? new Date()).toISOString(),
    exercises,
    integrity: context.integrity ?? { ok: true, findings: [] },
    sandbox: context.sandbox,
    warnings,
  };
}
