/**
 * Reads grade reports into gradebook rows: one folder per student, each with a `grade-report.json` (the
 * layout of downloaded CI artifacts and of regrade's output). Every report is checked before it counts;
 * a missing, corrupt or inconsistent report becomes a row with the reason, never a crash.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COURSE } from '../../runtime/manifest.ts';
import type { GradeReport } from '../../grading/report.ts';
import { TODO_PREFIX } from '../../runtime/stubs.ts';
import type { Lateness } from './late.ts';
import { unsafeStudentId } from './roster.ts';

export const REPORT_FILE = 'grade-report.json';
/** What regrade leaves in a student's folder instead of a report when it could not grade: `{ reason, commit? }`. */
export const FAILURE_FILE = 'regrade-failure.json';

export interface GradebookRow {
  student: string;
  /** Points per exercise id; an exercise the report does not hold (a partial `--only` run) is absent. */
  scores: Record<string, number>;
  /** Undefined when the row has no valid report (then `reason` says why). */
  total?: number;
  max?: number;
  /** 'flagged' when the report's integrity check found something; undefined without a report. */
  integrity?: 'ok' | 'flagged';
  findings: string[];
  /** The graded commit, when the report or regrade names it. */
  commit?: string;
  gradedAt?: string;
  /** Why the student has no grade. */
  reason?: string;
  /** Every test's outcome, for the pass rates (absent without a report). */
  tests?: TestResult[];
  /** How student code ran: 'bwrap', 'permission-model' or 'in-process' (reports from before issue 12 lack it). */
  sandbox?: string;
  /** Every test of the report failed on a TODO stub: the student never started. */
  neverStarted?: boolean;
  /** The time lateness is judged by: regrade's snapshot time or commit date, else the report's gradedAt. */
  submittedAt?: string;
  /** Set when a late policy was applied. */
  lateness?: Lateness;
  /** The total after the late penalty (set with `lateness`). */
  final?: number;
}

/** The points that count: after the late penalty when there is one; undefined without a grade. */
export const countedTotal = (row: GradebookRow): number | undefined => row.final ?? row.total;

export interface TestResult {
  exercise: string;
  name: string;
  hidden: boolean;
  passed: boolean;
}

/**
 * A report as collect reads it: the optional fields regrade adds (CI reports carry `commit` too), and no
 * `sandbox` in a report written before the grader recorded its isolation.
 */
export type CollectedReport = Omit<GradeReport, 'sandbox'> & { commit?: string; submittedAt?: string; sandbox?: GradeReport['sandbox'] };

const EPSILON = 1e-6;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Why `data` is not a usable schemaVersion 1 report, or undefined when it is: the fields docs/grading.md fixes,
 * known exercise ids, and points that add up (test scores → exercise score → total, none above its maximum).
 */
export function reportProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'not a JSON object';
  if (data.schemaVersion !== 1) return `schemaVersion ${JSON.stringify(data.schemaVersion)} is not supported (expected 1)`;
  for (const field of ['score', 'maxScore'] as const) {
    if (!isNumber(data[field])) return `'${field}' is not a number`;
  }
  if (!Array.isArray(data.exercises)) return `'exercises' is not a list`;
  if (!isObject(data.integrity) || typeof data.integrity.ok !== 'boolean' || !Array.isArray(data.integrity.findings)) {
    return `'integrity' must be { ok: boolean, findings: [] }`;
  }
  if (data.gradedAt !== undefined && (typeof data.gradedAt !== 'string' || Number.isNaN(Date.parse(data.gradedAt)))) {
    return `'gradedAt' is not a date`;
  }
  if (data.submittedAt !== undefined && (typeof data.submittedAt !== 'string' || Number.isNaN(Date.parse(data.submittedAt)))) {
    return `'submittedAt' is not a date`;
  }
  if (data.sandbox !== undefined && typeof data.sandbox !== 'string') return `'sandbox' is not a string`;
  if (data.commit !== undefined && (typeof data.commit !== 'string' || !/^[0-9a-f]{7,64}$/i.test(data.commit))) {
    return `'commit' is not a commit id`;
  }
  const seen = new Set<string>();
  for (const [index, exercise] of data.exercises.entries()) {
    if (!isObject(exercise) || typeof exercise.id !== 'string') return `exercise ${index + 1} has no id`;
    const id = exercise.id;
    if (!COURSE.some((e) => e.id === id)) return `exercise '${id}' is not in this course's manifest`;
    if (seen.has(id)) return `exercise '${id}' appears twice`;
    seen.add(id);
    if (!isNumber(exercise.score) || !isNumber(exercise.maxScore)) return `exercise '${id}': score or maxScore is not a number`;
    if (!Array.isArray(exercise.tests)) return `exercise '${id}': 'tests' is not a list`;
    const tests = exercise.tests as unknown[];
    if (!tests.every((t) => isObject(t) && isNumber(t.score) && isNumber(t.maxScore) && t.score >= 0 && t.score <= t.maxScore + EPSILON)) {
      return `exercise '${id}': a test's score is missing or outside 0…maxScore`;
    }
    const testScores = sum(tests.map((t) => (t as { score: number }).score));
    if (Math.abs(testScores - exercise.score) > EPSILON) return `exercise '${id}': score ${exercise.score} is not the sum of its tests' scores (${testScores})`;
    if (exercise.score > exercise.maxScore + EPSILON) return `exercise '${id}': score ${exercise.score} is above its maxScore ${exercise.maxScore}`;
  }
  const exercises = data.exercises as { score: number; maxScore: number }[];
  const { score, maxScore } = data as { score: number; maxScore: number };
  if (Math.abs(sum(exercises.map((e) => e.score)) - score) > EPSILON) return `score ${score} is not the sum of the exercises' scores`;
  if (Math.abs(sum(exercises.map((e) => e.maxScore)) - maxScore) > EPSILON) return `maxScore ${maxScore} is not the sum of the exercises' maxima`;
  return undefined;
}

/** Scores as they should print: no float noise (0.1 + 0.2 → 0.3). */
export const roundPoints = (points: number): number => Math.round(points * 1e6) / 1e6;

/** Every test failed with a TODO stub's error: nothing was implemented yet. */
function neverStarted(report: CollectedReport): boolean {
  const tests = report.exercises.flatMap((e) => e.tests);
  return tests.length > 0 && tests.every((t) => t.status !== 'passed' && String(t.message).includes(TODO_PREFIX));
}

export function rowFromReport(student: string, report: CollectedReport): GradebookRow {
  const submittedAt = report.submittedAt ?? report.gradedAt;
  return {
    student,
    scores: Object.fromEntries(report.exercises.map((e) => [e.id, roundPoints(e.score)])),
    total: roundPoints(report.score),
    max: roundPoints(report.maxScore),
    integrity: report.integrity.ok ? 'ok' : 'flagged',
    findings: report.integrity.findings.map(String),
    commit: report.commit,
    gradedAt: report.gradedAt,
    tests: report.exercises.flatMap((e) => e.tests.map((t) => ({ exercise: e.id, name: String(t.name), hidden: t.hidden === true, passed: t.status === 'passed' }))),
    ...(report.sandbox ? { sandbox: report.sandbox } : {}),
    ...(neverStarted(report) ? { neverStarted: true } : {}),
    ...(submittedAt ? { submittedAt } : {}),
  };
}

export function failedRow(student: string, reason: string, commit?: string): GradebookRow {
  return { student, scores: {}, findings: [], reason, ...(commit ? { commit } : {}) };
}

const firstLine = (text: string): string => text.split('\n')[0]!.trim();

/** The row for one student's folder: its report, or why there is none. */
export function rowFromFolder(folder: string, student: string): GradebookRow {
  const reportFile = join(folder, REPORT_FILE);
  const failureFile = join(folder, FAILURE_FILE);
  if (!existsSync(reportFile)) {
    if (existsSync(failureFile)) {
      try {
        const failure = JSON.parse(readFileSync(failureFile, 'utf8')) as { reason?: unknown; commit?: unknown };
        if (typeof failure.reason === 'string') {
          return failedRow(student, failure.reason, typeof failure.commit === 'string' ? failure.commit : undefined);
        }
      } catch {
        // Falls through to the generic reason below.
      }
      return failedRow(student, `${FAILURE_FILE} is unreadable`);
    }
    return failedRow(student, existsSync(folder) ? `no ${REPORT_FILE}` : 'no report folder');
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch (error) {
    return failedRow(student, `${REPORT_FILE} is not valid JSON: ${firstLine((error as Error).message)}`);
  }
  const problem = reportProblem(data);
  if (problem) return failedRow(student, `${REPORT_FILE} is invalid: ${problem}`);
  return rowFromReport(student, data as CollectedReport);
}

export interface CollectOptions {
  /** Student ids in the order the rows should have; students without a folder get a row that says so. */
  roster?: readonly string[];
}

/**
 * One row per student folder in `reportsDir`: in roster order when a roster is given (folders not on it
 * follow, sorted), else sorted by id. Files and hidden folders in `reportsDir` are ignored.
 */
export function collect(reportsDir: string, options: CollectOptions = {}): GradebookRow[] {
  if (!existsSync(reportsDir) || !statSync(reportsDir).isDirectory()) throw new Error(`reports folder ${reportsDir} does not exist`);
  const folders = readdirSync(reportsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en'));
  const roster = options.roster ?? [];
  const onRoster = new Set(roster);
  const students = [...roster, ...folders.filter((name) => !onRoster.has(name))];
  return students.map((student) => {
    const unsafe = unsafeStudentId(student);
    if (unsafe) return failedRow(student, unsafe);
    return rowFromFolder(join(reportsDir, student), student);
  });
}
