/**
 * The student's tools: the reporter's summary, `npm run progress`, `npm run hint` and the watch triggers.
 * Pure functions here; test/student-commands.test.ts runs the commands themselves.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { TestModule, Vitest } from 'vitest/node';
import { hintsFile, nextHint, parseHints, parseHintSections, readState, runHint, writeState } from '../student/hint.ts';
import { recordRun } from '../student/last-run.ts';
import { COURSE, findExercise } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { bar, formatProgress, progressCommand, progressRows } from '../student/progress.ts';
import type { ModuleOutcome, TestOutcome } from '../grading/results.ts';
import StudentReporter, { formatSummary, summarizeRun } from '../student/reporter.ts';
import { exercisesAffectedBy, exerciseWatchTriggers } from '../student/watch-triggers.ts';

const file = (id: string, slug: string) => join(REPO_ROOT, 'exercises', id, `${slug}.test.ts`);
const passed = (suite: string, name: string, points: number): TestOutcome => ({ name: `${suite} > ${name}`, suite, state: 'passed', points, errors: [] });
const failed = (suite: string, name: string, points: number, message: string, errorName = 'ComparisonError'): TestOutcome => ({
  name: `${suite} > ${name}`,
  suite,
  state: 'failed',
  points,
  errors: [{ name: errorName, message }],
});
const todo = (suite: string, name: string, points: number): TestOutcome =>
  failed(suite, name, points, `\u001b[31mTODO: implement ${suite}. Hint: start here\u001b[39m`, 'Error');

const modules: ModuleOutcome[] = [
  {
    file: file('04-lstm', 'lstm'),
    errors: [],
    tests: [
      failed('lstmStepForward', 'matches the worked example', 1, 'lstmStepForward(…).h differs from the reference at 1 of 1 entries.'),
      failed('lstmStepForward', 'matches the reference on a batch of 3', 2, 'lstmStepForward(…).h differs at 9 of 9 entries.\nLooks like the gates are permuted.'),
      passed('lstmStepBackward', 'matches the reference gradients', 2),
      { name: 'lstmBackward > filtered out', suite: 'lstmBackward', state: 'skipped', points: 2, errors: [] },
    ],
  },
  { file: file('01-rnn-forward', 'rnn-forward'), errors: [], tests: [passed('rnnStepForward', 'a', 4), passed('outputLogits', 'b', 1)] },
  { file: file('05-gru', 'gru'), errors: [], tests: [todo('gruStepForward', 'a', 1), todo('gruForward', 'b', 2)] },
  { file: join(REPO_ROOT, 'grader/hidden/04-lstm.test.ts'), errors: [], tests: [passed('hidden', 'x', 5)] },
];

describe('the student reporter', () => {
  const summaries = summarizeRun(modules);

  test('summarizes public files only, in course order, with points and a status', () => {
    expect(summaries.map((s) => [s.id, s.status, s.points, s.maxPoints])).toEqual([
      ['01-rnn-forward', 'done', 5, 5],
      ['04-lstm', 'in progress', 2, 5],
      ['05-gru', 'not started', 0, 3],
    ]);
  });

  test('keeps per function only the first failure, and a later test\'s diagnosis when the first has none', () => {
    const step = summaries[1]!.functions.find((f) => f.name === 'lstmStepForward')!;
    expect(step).toMatchObject({ points: 0, maxPoints: 3, passed: 0, tests: 2 });
    expect(step.failure).toEqual({ test: 'matches the worked example', message: 'lstmStepForward(…).h differs from the reference at 1 of 1 entries.' });
    expect(step.laterDiagnosis).toEqual({ test: 'matches the reference on a batch of 3', diagnosis: 'Looks like the gates are permuted.' });
    expect(summaries[1]!.functions.map((f) => f.name)).toEqual(['lstmStepForward', 'lstmStepBackward']); // the skipped block is not shown
  });

  test('an exercise with one failure that is not a TODO is in progress, even with 0 points', () => {
    const [only] = summarizeRun([{ file: file('05-gru', 'gru'), errors: [], tests: [todo('gruForward', 'a', 1), failed('gruStepForward', 'b', 1, 'wrong')] }]);
    expect(only!.status).toBe('in progress');
  });

  test('a test file that could not run is never done', () => {
    const [only] = summarizeRun([{ file: file('01-rnn-forward', 'rnn-forward'), errors: [{ name: 'Error', message: 'boom' }], tests: [] }]);
    expect(only).toMatchObject({ status: 'in progress', errors: ['boom'] });
    expect(formatSummary([only!])).toContain('could not run: boom');
  });

  test('prints ✔/✘ and points per exercise, and per function the first failing test with its message', () => {
    const text = formatSummary(summaries);
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toContain('✔ 01-rnn-forward  5/5 public points (17 in the grade)');
    expect(text).toMatch(/✘ 04-lstm  2\/5 public points \(30 in the grade\)/);
    expect(text).toMatch(/✘ lstmStepForward +0\/3 +matches the worked example {2}\(\+1 more failing: --mode all shows them\)\n {8}lstmStepForward\(…\)\.h differs from the reference at 1 of 1 entries\.\n {8}From "matches the reference on a batch of 3": Looks like the gates are permuted\./);
    expect(text).toMatch(/✔ lstmStepBackward +2\/2\n/);
    expect(text).toContain('05-gru  0/3 public points (19 in the grade) (not started)');
    expect(text).not.toContain('TODO: implement gruForward'); // a not-started exercise is one line, not a list of TODOs
    expect(text).toContain('Public tests: 7/13 points, 3/7 tests passed. The grade counts 66 points for these exercises');
    expect(text).toContain('npm run hint -- 04');
  });

  test('--mode all lists every failing test of a function', () => {
    const text = formatSummary(summaries, { all: true });
    expect(text).not.toContain('more failing');
    expect(text).toMatch(/\n {6}✘ matches the reference on a batch of 3\n {8}lstmStepForward\(…\)\.h differs at 9 of 9 entries\.\n {8}Looks like the gates are permuted/);
  });

  test('a module that cannot load is said once for its exercise, not once per function', () => {
    const load = { name: 'SubmissionLoadError', message: '04-lstm failed to load: exercises/04-lstm/lstm.ts:3:1: Unexpected token' };
    const tests = ['lstmStepForward', 'lstmForward'].map((fn) => ({ ...failed(fn, 'a', 1, load.message), errors: [load] }));
    const [only] = summarizeRun([{ file: file('04-lstm', 'lstm'), errors: [], tests }]);
    const text = formatSummary([only!]);
    expect(text.match(/Unexpected token/g)).toHaveLength(1);
    expect(text).toContain('could not load: 04-lstm failed to load: exercises/04-lstm/lstm.ts:3:1');
  });

  test('the first run of watch mode is one line per exercise', () => {
    expect(formatSummary(summaries, { compact: true }).split('\n').filter((line) => /^[✔✘]/.test(line))).toHaveLength(summaries.length);
    expect(formatSummary(summaries, { compact: true })).not.toContain('lstmStepForward');
  });

  test('colours only when asked', () => {
    expect(formatSummary(summaries, { color: true })).toContain('\u001b[32m✔\u001b[39m');
  });

  test('as a Vitest reporter: a banner per re-run, the report and unhandled errors after each run', () => {
    const printed: string[] = [];
    const logger = { log: (t: string) => printed.push(t), clearFullScreen: () => printed.push('<clear>') };
    const reporter = new StudentReporter({ lastRunFile: join(mkdtempSync(join(tmpdir(), 'seqlab-last-run-')), 'last-run.json') });
    reporter.onInit({ logger, config: { watch: true } } as unknown as Vitest);
    reporter.onWatcherRerun([file('05-gru', 'gru')], join(REPO_ROOT, 'exercises/05-gru/gru.ts'));
    reporter.onTestRunStart();
    reporter.onTestRunEnd([fakeModule(modules[2]!)], [{ name: 'TypeError', message: 'x is undefined' }]);
    const text = printed.join('\n');
    expect(text).toMatch(/<clear>\n.*exercises\/05-gru\/gru\.ts changed: re-running 05-gru…/);
    expect(text).toContain('05-gru  0/3 public points (19 in the grade) (not started)');
    expect(text).toContain('Error outside any test (often a promise nobody awaited): TypeError: x is undefined');
    expect(text).toContain('Watching: save a file in exercises/');
  });
});

/** Just enough of Vitest's TestModule for the reporter. */
function fakeModule(outcome: ModuleOutcome): TestModule {
  const tests = outcome.tests.map((t) => ({
    fullName: t.name,
    parent: { type: 'suite', name: t.suite, parent: { type: 'module' } },
    meta: () => ({ points: t.points }),
    result: () => ({ state: t.state, errors: t.errors }),
  }));
  return { moduleId: outcome.file, errors: () => outcome.errors, children: { allTests: () => tests } } as unknown as TestModule;
}

describe('npm run progress', () => {
  test('lists every exercise of the course, untested ones as not started', () => {
    const rows = progressRows(summarizeRun(modules), { '04-lstm': 2 }, { '04-lstm': 3 });
    expect(rows.map((r) => [r.id, r.status, `${r.points}/${r.maxPoints}`])).toEqual([
      ['01-rnn-forward', 'done', '5/5'],
      ['02-bptt', 'not started', '0/0'],
      ['03-gradient-flow', 'not started', '0/0'],
      ['04-lstm', 'in progress', '2/5'],
      ['05-gru', 'not started', '0/3'],
      ...COURSE.slice(5).map((e) => [e.id, 'not started', '0/0']),
    ]);
    const text = formatProgress(rows);
    expect(text).toMatch(/^04-lstm +◐ in progress +2\/5 {2}████░░░░░░ {2}2\/3$/m);
    expect(text).toMatch(/^01-rnn-forward +✔ done +5\/5 {2}██████████/m);
    expect(text).toContain(`7/13 public points (54 %), 1 of ${COURSE.length} exercises done`);
    expect(text).toContain('Next: 02-bptt');
  });

  test('aligns the columns whether or not colours are on', () => {
    const rows = progressRows(summarizeRun(modules));
    // eslint-disable-next-line no-control-regex
    const plain = formatProgress(rows, true).replace(/\u001b\[\d+m/g, '');
    expect(plain).toBe(formatProgress(rows, false));
  });

  test('the command prints the table of a run', async () => {
    const printed: string[] = [];
    const run = async () => ({ modules, unhandledErrors: ['Error: late'] });
    expect(await progressCommand(['--no-color'], run, (t) => printed.push(t))).toBe(0);
    expect(printed.join('\n')).toMatch(/^05-gru +· not started/m);
    expect(printed.join('\n')).toContain('warning: error outside any test: Error: late');
    expect(await progressCommand(['--help'], run, (t) => printed.push(t))).toBe(0);
    expect(printed.at(-1)).toMatch(/^usage: npm run progress/);
  });

  test('bar', () => {
    expect(bar(0.5, 10)).toBe('█████░░░░░');
    expect(bar(2, 4)).toBe('████');
    expect(bar(Number.NaN, 3)).toBe('░░░');
  });
});

describe('npm run hint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-hints-'));
  const stateFile = join(dir, '.seqlab', 'hints.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every exercise has at least 3 hints that give no code away', () => {
    for (const { id, functions } of COURSE) {
      const hints = parseHints(readFileSync(hintsFile(id), 'utf8'));
      expect(hints.length, id).toBeGreaterThanOrEqual(3);
      for (const hint of hints) {
        expect(hint, id).not.toMatch(/```|=>|\breturn\b|\bconst\b|\blet\b/);
        expect(hint.length, id).toBeGreaterThan(100);
      }
      // Every function the student writes has its own ladder: the next test.
    }
  });

  test("every exercise's hints.md holds one ladder per function, in the exercise's function order", () => {
    for (const { id, functions } of COURSE) {
      const sections = parseHintSections(readFileSync(hintsFile(id), 'utf8'), functions);
      // Every section is titled '## <function>: …' with a function of the manifest, so no hint is orphaned…
      expect(sections.filter((section) => !section.fn).map((section) => section.text.slice(0, 40)), id).toEqual([]);
      // …the ladders follow the exercise's function order, one block per function, each at least two rungs
      // (the idea first, the formula last).
      const order = sections.map((section) => section.fn!).filter((fn, i, all) => fn !== all[i - 1]);
      expect(order, id).toEqual([...functions]);
      for (const fn of functions) expect(sections.filter((section) => section.fn === fn).length, `${id}: ${fn}`).toBeGreaterThanOrEqual(2);
    }
  });

  test('parseHints reads the ## sections in order', () => {
    expect(parseHints('# Title\nintro\n## Hint 1\none\n\n## Hint 2\ntwo\n')).toEqual(['one', 'two']);
  });

  test('nextHint shows one more hint each time, then all of them again', () => {
    const hints = ['a', 'b', 'c'];
    expect(nextHint(hints, 0)).toMatchObject({ show: [{ number: 1, text: 'a' }], seen: 1 });
    expect(nextHint(hints, 2)).toMatchObject({ show: [{ number: 3, text: 'c' }], seen: 3, note: 'That was the last hint.' });
    expect(nextHint(hints, 3).show.map((h) => h.text)).toEqual(['a', 'b', 'c']);
    expect(nextHint(hints, 2, true)).toMatchObject({ show: [{ text: 'a' }, { text: 'b' }], seen: 2 });
    expect(nextHint(hints, 0, true).show).toEqual([]);
  });

  test('remembers how many hints each exercise showed, in .seqlab/hints.json', () => {
    const out: string[] = [];
    const lastRunFile = join(dir, '.seqlab', 'last-run.json');
    const io = { stateFile, lastRunFile, log: (t: string) => out.push(t), error: (t: string) => out.push(`error: ${t}`), color: false };
    expect(runHint(['04'], io)).toBe(0);
    expect(runHint(['lstm'], io)).toBe(0);
    expect(runHint(['1'], io)).toBe(0);
    expect(readState(stateFile)).toEqual({ '04-lstm': 2, '04-lstm/lstmStepForward': 2, '01-rnn-forward': 1, '01-rnn-forward/rnnStepForward': 1 });
    const titles = () => out.filter((t) => t.includes('Hint')).map((t) => t.split('\n')[1]);
    expect(titles()).toEqual(['Hint 1 of 3 for lstmStepForward — 04-lstm', 'Hint 2 of 3 for lstmStepForward — 04-lstm', 'Hint 1 of 2 for rnnStepForward — 01-rnn-forward']);
    // With lstmStepForward passing and the backward failing, the hints start from the backward step.
    recordRun({ '04-lstm': ['lstmStepBackward', 'lstmBackward'] }, lastRunFile);
    expect(runHint(['04'], io)).toBe(0);
    expect(titles().at(-1)).toBe('Hint 1 of 3 for lstmStepBackward — 04-lstm');
    expect(out.at(-2)).not.toMatch(/tanh²|dc_total/); // the formula comes with the last hint only
    expect(readState(stateFile)['04-lstm']).toBe(3);
    expect(runHint(['04-lstm', '--again'], io)).toBe(0);
    expect(readState(stateFile)['04-lstm']).toBe(3);
    expect(runHint(['04', '--reset'], io)).toBe(0);
    expect(readState(stateFile)).toEqual({ '01-rnn-forward': 1, '01-rnn-forward/rnnStepForward': 1 });
    expect(runHint(['99'], io)).toBe(2);
    expect(runHint([], io)).toBe(2);
    expect(out.at(-1)).toMatch(/^error: usage: npm run hint/);
  });

  test('a broken state file starts over instead of failing', () => {
    mkdirSync(join(dir, 'broken'), { recursive: true });
    const broken = join(dir, 'broken', 'hints.json');
    writeFileSync(broken, '{ not json');
    expect(readState(broken)).toEqual({});
    writeState({ '02-bptt': 1 }, broken);
    expect(readState(broken)).toEqual({ '02-bptt': 1 });
  });

  test('findExercise understands 04, 4, lstm and 04-lstm, and nothing ambiguous', () => {
    for (const name of ['04', '4', 'lstm', '04-lstm', ' LSTM ']) expect(findExercise(name)?.id, name).toBe('04-lstm');
    for (const name of ['', '99', 'rnn', '0']) expect(findExercise(name), name).toBeUndefined();
  });
});

describe('the watch triggers', () => {
  const submission = join(REPO_ROOT, 'exercises');
  const [trigger] = exerciseWatchTriggers(submission);
  const run = (path: string) => {
    const match = trigger!.pattern.exec(path.replace(/\\/g, '/'));
    return match ? trigger!.testsToRun(path, match) : undefined;
  };

  test('saving a stub re-runs its exercise\'s public tests', () => {
    expect(run(join(submission, '05-gru', 'gru.ts'))).toEqual(['exercises/05-gru/gru.test.ts']);
  });

  test('saving 01 re-runs 01 only, first and fast; 03, 06, 07 and 08, whose modules import 01, are named for the banner', () => {
    expect(run(join(submission, '01-rnn-forward', 'rnn-forward.ts'))).toEqual(['exercises/01-rnn-forward/rnn-forward.test.ts']);
    expect(exercisesAffectedBy(submission, '01-rnn-forward')).toEqual(['01-rnn-forward', '03-gradient-flow', '06-deep-rnn', '07-char-lm', '08-seq2seq']);
  });

  test('saving shared/ re-runs every exercise', () => {
    expect(run(join(submission, 'shared', 'linalg.ts'))).toHaveLength(COURSE.length);
    expect(exercisesAffectedBy(submission, 'shared')).toEqual(COURSE.map((e) => e.id));
  });

  test('test files, other files and other folders are left to Vitest', () => {
    expect(run(join(submission, '05-gru', 'gru.test.ts'))).toBeUndefined();
    expect(run(join(submission, '05-gru', 'README.md'))).toBeUndefined();
    expect(run(join(REPO_ROOT, 'grader', 'runtime', 'compare.ts'))).toBeUndefined();
    expect(run(join(submission, '05-gru', 'deeper', 'x.ts'))).toBeUndefined();
  });

  test('a submission folder elsewhere (SEQLAB_SUBMISSION) is watched instead, Windows paths included', () => {
    const [other] = exerciseWatchTriggers('C:\\Users\\ada\\seqlab-work');
    expect(other!.pattern.test('C:/Users/ada/seqlab-work/04-lstm/lstm.ts')).toBe(true);
    expect(other!.pattern.test(join(submission, '04-lstm', 'lstm.ts').replace(/\\/g, '/'))).toBe(false);
  });
});
