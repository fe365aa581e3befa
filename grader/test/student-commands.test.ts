/**
 * The student's commands as a student runs them (separate processes): the reporter of
 * `npm run test:exercises` and `npm run progress`, on the solutions (everything passes) and on a copy with
 * one deliberate mistake (diagnosed in the report).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';

const run = promisify(execFile);

async function command(args: string[], submission: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  // Drop what this test process inherited from its own Vitest run.
  const { SEQLAB_BACKEND_ANNOUNCED: _a, VITEST: _v, VITEST_WORKER_ID: _w, VITEST_POOL_ID: _p, NODE_OPTIONS: _n, FORCE_COLOR: _f, ...inherited } = process.env;
  const { stdout } = await run(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...inherited, SEQLAB_SUBMISSION: submission, NO_COLOR: '1', ...env },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' })); // failing tests exit non-zero
  return stdout;
}

const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
mkdirSync(join(REPO_ROOT, '.seqlab', 'tmp'), { recursive: true });
const mistaken = mkdtempSync(join(REPO_ROOT, '.seqlab', 'tmp', 'student-'));
afterAll(() => rmSync(mistaken, { recursive: true, force: true }));

test('npm run test:exercises prints the student report: points per exercise, the first failure per function, its diagnosis', async () => {
  cpSync(join(REPO_ROOT, 'solutions'), mistaken, { recursive: true });
  const lstm = join(mistaken, '04-lstm', 'lstm.ts');
  writeFileSync(lstm, readFileSync(lstm, 'utf8').replace('const [ai, af, ag, ao] = [0, 1, 2, 3]', 'const [ai, af, ao, ag] = [0, 1, 2, 3]'));
  const out = await command([vitest, 'run', '--config', 'grader/student/exercises.config.ts', '04', '05'], mistaken);
  expect(out).toContain('✔ 05-gru  7/7 public points (19 in the grade)');
  expect(out).toMatch(/✘ 04-lstm  4\/10 public points \(30 in the grade\)/);
  expect(out).toMatch(/✘ lstmStepForward +0\/4 +matches the worked example of README\.md {2}\(\+2 more failing: --mode all shows them\)\n {8}lstmStepForward\(…\)\.h differs from the reference/);
  expect(out).toContain('Looks like the gates are unpacked in order i, f, o, g');
  expect(out).toMatch(/✔ lstmStepBackward +2\/2/);
  expect(out).toContain('Public tests: 11/17 points, 7/11 tests passed.');
  expect(out).not.toContain('Test Files'); // Vitest's default reporter is replaced…
  const vitestOwn = await command([vitest, 'run', '--config', 'grader/student/exercises.config.ts', '05', '--reporter=default'], mistaken);
  expect(vitestOwn).toContain('Test Files'); // …and one flag away
}, 180_000);

test('student code that loops, crashes or ends the process at import: the run ends, and names the function, the line, the module', async () => {
  const broken = mkdtempSync(join(REPO_ROOT, '.seqlab', 'tmp', 'student-'));
  cpSync(join(REPO_ROOT, 'solutions'), broken, { recursive: true });
  const rnn = join(broken, '01-rnn-forward', 'rnn-forward.ts');
  const solution = readFileSync(rnn, 'utf8');
  writeFileSync(
    rnn,
    solution
      .replace('const steps = x[0]!.length;', 'const steps = x[0]!.length;\n  while (steps > 0) {}')
      .replace('addRow(matmul(seq, Wy), by)', 'addRow(matmul(Wy, seq), by)'),
  );
  const out = await command([vitest, 'run', '--config', 'grader/student/exercises.config.ts', '01'], broken, { SEQLAB_CALL_CPU_MS: '1000' });
  expect(out).toContain('rnnForward did not return within 1 s — an infinite loop?');
  expect(out).toMatch(/matmul\(a, b\): a is \[6\]\[7\] and b is \[4\]\[6\]; a's columns \(7\) must equal b's rows \(4\)\n\s+at \S+\/01-rnn-forward\/rnn-forward\.ts:\d+\n/);
  expect(out).toMatch(/\n\s+\d+ \| return h\.map\(\(seq\) => addRow\(matmul\(Wy, seq\), by\)\);/);
  writeFileSync(rnn, `process.exit(3);\n${solution}`);
  const fromThree = await command([vitest, 'run', '--config', 'grader/student/exercises.config.ts', '03'], broken);
  expect(fromThree).toMatch(/could not load: 03-gradient-flow: \S+\/01-rnn-forward\/rnn-forward\.ts \(imported by \S+\/03-gradient-flow\/gradient-flow\.ts\) ended the process while loading \(exit code 3\)/);
  expect(fromThree.match(/ended the process/g)).toHaveLength(1);
  rmSync(broken, { recursive: true, force: true });
}, 180_000);

test('npm run progress shows every exercise done on the solutions', async () => {
  const out = await command(['--import', './grader/runtime/loader/register.mjs', 'grader/student/progress.ts'], join(REPO_ROOT, 'solutions'));
  for (const { id } of COURSE) expect(out).toMatch(new RegExp(`^${id} +✔ done`, 'm'));
  expect(out).toMatch(new RegExp(`(\\d+)/\\1 public points \\(100 %\\), ${COURSE.length} of ${COURSE.length} exercises done`));
}, 180_000);
