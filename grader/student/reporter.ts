/**
 * The student's view of a public-test run (`npm run test:exercises`, `npm run watch`): one line per exercise
 * with ✔/✘ and its public points, then one line per function (the suite's describe block) with only the
 * first failing test's message — the one to fix first. `npm run progress` builds its table from the same
 * summary. Vitest's own output stays one flag away: `npm run test:exercises -- --reporter=default`.
 */
import { relative } from 'node:path';
import type { UserConsoleLog } from 'vitest';
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node';
import { recordRun } from './last-run.ts';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { classifyTestFile, message } from '../grading/report.ts';
import { submissionDir } from '../runtime/seam.ts';
import { exercisesAffectedBy } from './watch-triggers.ts';
import { moduleOutcome, type ModuleOutcome } from '../grading/results.ts';
import { TODO_PREFIX } from '../runtime/stubs.ts';

/** How report.ts' message() starts for a stub's TODO error. */
const NOT_IMPLEMENTED = `not implemented yet — ${TODO_PREFIX}`;

export type ExerciseStatus = 'not started' | 'in progress' | 'done';

export interface FunctionSummary {
  /** The describe block: the function under test. */
  name: string;
  points: number;
  maxPoints: number;
  passed: number;
  tests: number;
  /** The first failing test of the block and its message. */
  failure?: { test: string; message: string };
  /** Every failing test of the block, first one first (shown with `--mode all`). */
  failures: { test: string; message: string }[];
  /** When the first failure has no diagnosis: the first diagnosis a later failing test of the block found. */
  laterDiagnosis?: { test: string; diagnosis: string };
}

/** Every diagnoser's sentence starts so (grader/runtime/diagnose.ts, grader/runtime/mistakes/). */
const DIAGNOSIS = /^(?:.*differs too\. )?Looks like .*$/m;

export interface ExerciseSummary {
  id: string;
  title: string;
  status: ExerciseStatus;
  points: number;
  maxPoints: number;
  passed: number;
  tests: number;
  functions: FunctionSummary[];
  /** Errors that kept a test file from running at all. */
  errors: string[];
  /** The student's module could not be loaded: said once for the exercise, not once per function. */
  loadError?: string;
}

/** Public test files only, grouped by exercise and describe block, in course order. */
export function summarizeRun(modules: readonly ModuleOutcome[]): ExerciseSummary[] {
  const summaries: ExerciseSummary[] = [];
  for (const module of modules) {
    const owner = classifyTestFile(module.file);
    if (!owner || owner.hidden) continue;
    const functions = new Map<string, FunctionSummary>();
    let allTodo = true;
    let loadError: string | undefined;
    for (const test of module.tests) {
      if (test.state === 'skipped' || test.state === 'pending') continue; // filtered out (-t) or todo: not part of this run
      const name = test.suite ?? '(top level)';
      const fn: FunctionSummary = functions.get(name) ?? { name, points: 0, maxPoints: 0, passed: 0, tests: 0, failures: [] };
      functions.set(name, fn);
      const points = test.points ?? 0;
      fn.tests++;
      fn.maxPoints += points;
      if (test.state === 'passed') {
        fn.passed++;
        fn.points += points;
        allTodo = false;
      } else {
        const text = message(test.errors);
        if (!text.startsWith(NOT_IMPLEMENTED)) allTodo = false;
        if (test.errors[0]?.name === 'SubmissionLoadError') {
          loadError ??= text;
          continue;
        }
        const testName = test.name.slice(name.length + 3) || test.name;
        const diagnosis = DIAGNOSIS.exec(text)?.[0];
        fn.failures.push({ test: testName, message: text || 'failed without a message' });
        if (!fn.failure) fn.failure = { test: testName, message: text || 'failed without a message' };
        else if (diagnosis && !fn.laterDiagnosis && !DIAGNOSIS.test(fn.failure.message)) fn.laterDiagnosis = { test: testName, diagnosis };
      }
    }
    const list = [...functions.values()];
    const sum = (key: 'points' | 'maxPoints' | 'passed' | 'tests') => list.reduce((total, f) => total + f[key], 0);
    const errors = module.errors.map((e) => message([e]));
    const tests = sum('tests');
    const passed = sum('passed');
    const status: ExerciseStatus =
      tests > 0 && passed === tests && errors.length === 0 ? 'done' : passed === 0 && allTodo && errors.length === 0 ? 'not started' : 'in progress';
    summaries.push({
      id: owner.id,
      title: COURSE.find((e) => e.id === owner.id)?.title ?? '',
      status,
      points: sum('points'),
      maxPoints: sum('maxPoints'),
      passed,
      tests,
      functions: list,
      errors,
      ...(loadError ? { loadError } : {}),
    });
  }
  const order = (id: string) => COURSE.findIndex((e) => e.id === id);
  return summaries.sort((a, b) => order(a.id) - order(b.id));
}

/** ANSI colours when the terminal wants them. */
export function palette(enabled: boolean) {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

export function wantsColor(stream: { isTTY?: boolean } = process.stdout): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY);
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));
const indent = (text: string, spaces: number) => text.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');

export interface SummaryOptions {
  color?: boolean;
  /** Every failing test of a function, not only the first (`--mode all`). */
  all?: boolean;
  /** One line per exercise, no function details (the first run of watch mode). */
  compact?: boolean;
}

/** "4/7 public points (17 in the grade)": public tests are part of an exercise's points, never all of them. */
function exerciseScore(exercise: ExerciseSummary): string {
  const total = COURSE.find((e) => e.id === exercise.id)?.points;
  const inGrade = total !== undefined && total !== exercise.maxPoints ? ` (${total} in the grade)` : '';
  return `${exercise.points}/${exercise.maxPoints} public points${inGrade}`;
}

/** The report as printed after each run. */
export function formatSummary(summaries: readonly ExerciseSummary[], options: SummaryOptions = {}): string {
  const c = palette(options.color ?? false);
  const lines: string[] = [];
  const nameWidth = Math.max(8, ...summaries.flatMap((e) => e.functions.map((f) => f.name.length)));
  for (const exercise of summaries) {
    const done = exercise.status === 'done';
    const mark = done ? c.green('✔') : c.red('✘');
    const score = exerciseScore(exercise);
    const status = exercise.status === 'not started' ? c.dim(' (not started)') : '';
    lines.push(`${mark} ${c.bold(exercise.id)}  ${done ? c.green(score) : score}${status}  ${c.dim(exercise.title)}`);
    if (options.compact) continue;
    for (const error of exercise.errors) lines.push(indent(`${c.red('could not run:')} ${error}`, 4));
    if (exercise.loadError) {
      lines.push(indent(`${c.red('could not load:')} ${exercise.loadError}`, 4));
      continue;
    }
    if (exercise.status === 'not started') {
      lines.push(c.dim(`    every function still throws its TODO: start with ${exercise.functions[0]?.name ?? 'the first one'} (README.md of the exercise)`));
      continue;
    }
    for (const fn of exercise.functions) {
      const ok = fn.passed === fn.tests;
      const fnMark = ok ? c.green('✔') : c.red('✘');
      const head = `    ${fnMark} ${pad(fn.name, nameWidth)}  ${`${fn.points}/${fn.maxPoints}`}`;
      if (ok || !fn.failure) {
        lines.push(head);
        continue;
      }
      const hidden = fn.failures.length - 1;
      const more = hidden > 0 && !options.all ? c.dim(`  (+${hidden} more failing: --mode all shows them)`) : '';
      lines.push(`${pad(head, head.length + 5 - `${fn.points}/${fn.maxPoints}`.length)}  ${fn.failure.test}${more}`);
      lines.push(indent(fn.failure.message, 8));
      if (options.all) {
        for (const later of fn.failures.slice(1)) lines.push(indent(`${c.red('✘')} ${later.test}\n${indent(later.message, 2)}`, 6));
      } else if (fn.laterDiagnosis) lines.push(indent(`${c.dim(`From "${fn.laterDiagnosis.test}":`)} ${fn.laterDiagnosis.diagnosis}`, 8));
    }
  }
  const points = summaries.reduce((s, e) => s + e.points, 0);
  const max = summaries.reduce((s, e) => s + e.maxPoints, 0);
  const passed = summaries.reduce((s, e) => s + e.passed, 0);
  const tests = summaries.reduce((s, e) => s + e.tests, 0);
  const next = summaries.find((e) => e.status !== 'done');
  lines.push('');
  const course = summaries.reduce((s, e) => s + (COURSE.find((x) => x.id === e.id)?.points ?? 0), 0);
  lines.push(
    `${c.bold('Public tests:')} ${points}/${max} points, ${passed}/${tests} tests passed.` +
      c.dim(` The grade counts ${course} points for ${summaries.length === 1 ? 'this exercise' : 'these exercises'}, hidden tests included: npm run grade`),
  );
  if (next) lines.push(c.dim(`Stuck on ${next.id}? npm run hint -- ${next.id.slice(0, 2)}`));
  return lines.join('\n');
}

/** The exercise's functions with a failing public test, in course order (a describe block may test two). */
function failingFunctions(exercise: ExerciseSummary): string[] {
  const spec = COURSE.find((e) => e.id === exercise.id);
  const failing = exercise.functions.filter((f) => f.passed < f.tests || exercise.loadError);
  return (spec?.functions ?? []).filter((fn) => failing.some((f) => f.name.split(/\s+/).includes(fn)));
}

/** The files' exercise ids, for the watch-mode banner: exercises/01-rnn-forward/… → 01-rnn-forward. */
function exercisesOf(files: readonly string[]): string[] {
  return [...new Set(files.map((f) => classifyTestFile(f)?.id ?? relative(REPO_ROOT, f)))];
}

/** The Vitest reporter of grader/student/exercises.config.ts. */
export default class StudentReporter implements Reporter {
  private vitest?: Vitest;
  private started = 0;
  private runs = 0;
  private color = wantsColor();

  /** `lastRunFile`: where the failing functions are recorded for `npm run hint` (default .seqlab/last-run.json). */
  constructor(private readonly options: { all?: boolean; lastRunFile?: string } = {}) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  private log(text: string): void {
    if (this.vitest) this.vitest.logger.log(text);
    else console.log(text);
  }

  onTestRunStart(): void {
    this.started = performance.now();
  }

  /** The student's console.log (from their functions too: grader/student/process.ts forwards it). */
  onUserConsoleLog(log: UserConsoleLog): void {
    const c = palette(this.color);
    this.log(`${c.dim(log.type === 'stderr' ? 'console.error:' : 'console.log:')} ${log.content.replace(/\n$/, '')}`);
  }

  onWatcherRerun(files: string[], trigger?: string): void {
    const c = palette(this.color);
    const why = trigger ? `${relative(REPO_ROOT, trigger)} changed` : 'rerun';
    const running = exercisesOf(files);
    const folder = trigger ? relative(submissionDir(), trigger).split(/[\\/]/)[0] : undefined;
    const users = folder ? exercisesAffectedBy(submissionDir(), folder).filter((id) => !running.includes(id)) : [];
    const also = users.length ? ` (${users.join(', ')} use it too: press a to re-run every exercise)` : '';
    this.vitest?.logger.clearFullScreen('');
    this.log(c.dim(`${new Date().toLocaleTimeString()}  ${why}: re-running ${running.join(', ')}…${also}`));
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const c = palette(this.color);
    const watching = Boolean(this.vitest?.config.watch);
    // Watch mode's first run covers every exercise: one line each, so the one being worked on stays on screen.
    const compact = watching && this.runs++ === 0 && testModules.length > 1;
    const summaries = summarizeRun(testModules.map(moduleOutcome));
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    recordRun(Object.fromEntries(summaries.map((e) => [e.id, failingFunctions(e)])), this.options.lastRunFile);
    this.log('');
    this.log(summaries.length ? formatSummary(summaries, { color: this.color, all: this.options.all, compact }) : 'No public test ran: check the exercise id you passed.');
    for (const error of unhandledErrors) {
      this.log(c.red(`\nError outside any test (often a promise nobody awaited): ${error.name ?? 'Error'}: ${error.message ?? ''}`));
    }
    this.log(c.dim(`(${seconds} s)`));
    if (compact) this.log(c.dim('Details come with the next save of an exercise (or run: npm run test:exercises -- 04).'));
    if (watching) this.log(c.dim('Watching: save a file in exercises/ to re-run its tests; a re-runs every exercise, q quits.'));
  }
}
