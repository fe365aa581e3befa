/**
 * The hostile corpus against the sandbox, under bubblewrap and under the permission-model fallback: every
 * case ends with the outcome it names, no output carries a byte of the course's secrets or the grader's
 * environment, no process outside the sandbox is touched and the grader's inspector stays closed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { url as inspectorUrl } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../runtime/paths.ts';
import { SandboxedExercise, sandboxLimits, type SandboxLimits } from '../sandbox/client.ts';
import { chooseIsolation, type Isolation, type SandboxRun } from '../sandbox/isolation.ts';
import { prepareSandbox, transpile, type PreparedSandbox } from '../sandbox/prepare.ts';
import { HOSTILE_CASES, type Targets } from './hostile-corpus.ts';

// Short limits keep the corpus fast; the defaults are in grader/sandbox/client.ts.
const limits: SandboxLimits = { importCpuMs: 1000, callCpuMs: 500, exerciseCpuMs: 30_000, memoryMb: 256 };
const KEY_CANARY = 'seqlab-corpus-canary-key-5f1d2c';
process.env.SEQLAB_GRADER_KEY = KEY_CANARY;

/** The longest line of a file: text that appears in no output unless the file was read. */
const longestLine = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8').split('\n').map((l) => l.trim()).sort((a, b) => b.length - a.length)[0]!;
const SECRETS = {
  solution: longestLine('solutions/01-rnn-forward/rnn-forward.ts'),
  reference: longestLine('reference/01-rnn-forward.ts'),
  hidden: longestLine('grader/hidden/01-rnn-forward.test.ts'),
  key: KEY_CANARY,
};

/** bubblewrap is required here (CI installs it) unless the developer says the machine has none. */
const ISOLATIONS: Isolation[] = process.env.SEQLAB_SANDBOX === 'permission-model' ? ['permission-model'] : ['bwrap', 'permission-model'];

const cleanup: string[] = [];
let sentinel: ChildProcess;
let server: Server;
let connections = 0;
let targets: Targets;

beforeAll(async () => {
  sentinel = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  targets = { repo: REPO_ROOT, sentinelPid: sentinel.pid!, port: (server.address() as { port: number }).port };
});
afterAll(() => {
  sentinel.kill('SIGKILL');
  server.close();
  cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function submissionWith(source: string): string {
  const submission = mkdtempSync(join(tmpdir(), 'seqlab-corpus-'));
  mkdirSync(join(submission, '01-rnn-forward'));
  writeFileSync(join(submission, '01-rnn-forward', 'rnn-forward.ts'), source);
  cleanup.push(submission);
  return submission;
}

function prepared(submission: string): PreparedSandbox {
  const folder = prepareSandbox(submission);
  cleanup.push(folder.root);
  return folder;
}

async function sandboxed(source: string, isolation: Isolation, exerciseLimits = limits): Promise<SandboxedExercise> {
  const folder = prepared(submissionWith(source));
  const { run } = await chooseIsolation(folder, isolation);
  return new SandboxedExercise('01-rnn-forward', join(folder.submission, '01-rnn-forward', 'rnn-forward.js'), run, exerciseLimits);
}

describe.each(ISOLATIONS)('hostile corpus under %s', (isolation) => {
  const cases = HOSTILE_CASES.map((c) => [c.name, c] as const);
  test.each(cases)('%s', async (_, hostile) => {
    if (hostile.closedBy && !hostile.closedBy.includes(isolation)) return; // an attack this level does not close: see docs/teachers.md, Grading untrusted code
    const student = await sandboxed(hostile.source, isolation, { ...limits, ...hostile.limits });
    const before = connections;
    const outcome = await student.call('rnnStepForward', [targets]).then(
      (value) => ({ value }),
      (error: Error) => ({ error }),
    );
    student.stop();
    const output = 'error' in outcome ? `${outcome.error.name}: ${outcome.error.message}` : JSON.stringify(outcome.value) ?? '';
    for (const [what, secret] of Object.entries(SECRETS)) expect(output.includes(secret), `the output holds the ${what}`).toBe(false);
    expect(connections, 'a connection reached the test’s port').toBe(before);
    expect(spawnSync('kill', ['-0', String(sentinel.pid)]).status, 'the sentinel process was killed').toBe(0);
    expect(inspectorUrl(), 'the inspector of this process was opened').toBeUndefined();
    if ('error' in hostile.expect) {
      expect('error' in outcome ? outcome.error.name : `no error, value ${output.slice(0, 200)}`).toMatch(new RegExp(`^(${hostile.expect.error})$`));
      expect((outcome as { error: Error }).error.message).toMatch(hostile.expect.message);
      expect((outcome as { error: Error }).error.message.length).toBeLessThan(2100);
    } else {
      expect(outcome, hostile.expect.note).not.toHaveProperty('error');
      expect(hostile.expect.value((outcome as { value: unknown }).value), hostile.expect.note).toBe(true);
    }
  });
});

describe('submission intake', () => {
  test('links, special files and files over the caps are never read: each becomes a finding', () => {
    const submission = submissionWith('export const ok = 1;');
    symlinkSync('/', join(submission, 'root.json'));
    symlinkSync(join(REPO_ROOT, 'solutions/02-bptt'), join(submission, '02-bptt'));
    mkdirSync(join(submission, '04-lstm'));
    symlinkSync(join(REPO_ROOT, 'solutions/04-lstm/lstm.ts'), join(submission, '04-lstm', 'lstm.ts'));
    spawnSync('mkfifo', [join(submission, '04-lstm', 'pipe.json')]);
    writeFileSync(join(submission, '04-lstm', 'big.ts'), 'x'.repeat(1024 * 1024 + 1));
    const folder = prepared(submission);
    expect(folder.findings).toEqual([
      '02-bptt is a symbolic link: not followed, not graded',
      '04-lstm/big.ts is 1 MB, over the 1 MB limit of one file: not graded',
      '04-lstm/lstm.ts is a symbolic link: not followed, not graded',
      '04-lstm/pipe.json is not a regular file (a device, FIFO or socket): not read, not graded',
      'root.json is a symbolic link: not followed, not graded',
    ]);
    expect(existsSync(join(folder.submission, '01-rnn-forward', 'rnn-forward.js'))).toBe(true);
    for (const path of ['root.json', '02-bptt', '04-lstm/lstm.js', '04-lstm/big.js', '04-lstm/pipe.json']) expect(existsSync(join(folder.submission, path)), path).toBe(false);
  });

  test('the sandbox folder sits inside node_modules and holds no link', () => {
    const folder = prepared(submissionWith('export const ok = 1;'));
    expect(folder.root.startsWith(join(folder.modules.root, '.seqlab-sandboxes'))).toBe(true);
    expect(spawnSync('find', [folder.root, '-type', 'l']).stdout.toString()).toBe('');
    expect(folder.modules.entries.some((e) => e.startsWith('.'))).toBe(false);
  });
});

describe('choosing the isolation', () => {
  test('the fallback says why it is not authoritative; an unknown SEQLAB_SANDBOX is an error', async () => {
    const folder = prepared(submissionWith('export const ok = 1;'));
    const fallback = await chooseIsolation(folder, 'permission-model');
    expect(fallback.run.isolation).toBe('permission-model');
    expect(fallback.warnings[0]).toMatch(/Node's permission model only, not in an operating-system sandbox .*not an authoritative grade/);
    await expect(chooseIsolation(folder, 'docker')).rejects.toThrow("SEQLAB_SANDBOX must be 'bwrap' or 'permission-model', got 'docker'");
  });

  test.runIf(ISOLATIONS.includes('bwrap'))('bubblewrap runs here (CI installs it); the child is PID 2 without network', async () => {
    const student = await sandboxed(
      'import { networkInterfaces } from "node:os"; export function rnnStepForward() { return { pid: process.pid, uid: process.getuid(), nets: Object.keys(networkInterfaces()) }; }',
      'bwrap',
    );
    const value = (await student.call('rnnStepForward', [])) as { pid: number; uid: number; nets: string[] };
    student.stop();
    expect(value.pid).toBe(2);
    expect(value.nets.filter((n) => n !== 'lo')).toEqual([]);
    if (process.getuid?.() === 0) expect(value.uid).toBe(65534);
  });
});

describe('limits', () => {
  const run = (folder: PreparedSandbox): Promise<SandboxRun> => chooseIsolation(folder).then((c) => c.run);

  test('a legitimate solution written with mathjs loads and answers within the default limits', async () => {
    const folder = prepared(
      submissionWith(
        [
          "import { add, multiply, map } from 'mathjs';",
          'export function rnnStepForward(x, hPrev, Wx, Wh, b) {',
          '  const a = add(multiply(x, Wx), multiply(hPrev, Wh));',
          '  return { h: map(a.map((row) => row.map((v, j) => v + b[j])), Math.tanh) };',
          '}',
        ].join('\n'),
      ),
    );
    const student = new SandboxedExercise('01-rnn-forward', join(folder.submission, '01-rnn-forward', 'rnn-forward.js'), await run(folder), sandboxLimits());
    const { h } = (await student.call('rnnStepForward', [[[1, 2]], [[0, 0]], [[0.1, 0.2], [0.3, -0.4]], [[0.5, 0], [0, 0.5]], [0, 0.1]])) as { h: number[][] };
    expect(h[0]![0]).toBeCloseTo(Math.tanh(0.7), 12);
    student.stop();
  });

  test('a module that failed to load is not loaded again: every call fails the same way at once', async () => {
    const student = await sandboxed('throw new Error("boom");', ISOLATIONS[0]!);
    await expect(student.call('rnnStepForward', [])).rejects.toThrow('failed to load: boom');
    await expect(student.call('rnnStepForward', [])).rejects.toThrow('failed to load: boom');
  });

  test('after a timeout the next call runs in a fresh process', async () => {
    const student = await sandboxed('let calls = 0; export function rnnStepForward(x) { if (x === "hang") while (true) {} return ++calls; }', ISOLATIONS[0]!);
    await expect(student.call('rnnStepForward', ['hang'])).rejects.toThrow('did not return');
    expect(await student.call('rnnStepForward', ['ok'])).toBe(1);
    student.stop();
  });

  test('an exercise that used up its CPU time runs nothing more', async () => {
    // Each call computes for 200 ms of its own CPU time, however busy the machine is.
    const spin = 'const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; }; export function rnnStepForward() { const end = cpu() + 200_000; while (cpu() < end) {} return 1; }';
    const student = await sandboxed(spin, ISOLATIONS[0]!, { ...limits, exerciseCpuMs: 1500 });
    const outcomes: string[] = [];
    for (let i = 0; i < 20 && !outcomes.at(-1)?.includes('used up'); i++) {
      outcomes.push(await student.call('rnnStepForward', []).then(String, (error: Error) => error.message));
    }
    student.stop();
    expect(outcomes.filter((o) => o === '1').length).toBeGreaterThanOrEqual(2);
    expect(outcomes.at(-1)).toMatch(/01-rnn-forward used up its 1\.5 s of CPU time/);
  });
});

test('transpile turns syntax errors into a module that throws them, with the position', () => {
  expect(transpile('export const a = (;', '/x/a.ts')).toMatch(/^throw new SyntaxError\("a\.ts:1:\d+: Expression expected\."\);/);
  expect(transpile('import { f } from "./g.ts"; export const a: number = f();', '/x/a.ts')).toContain('from "./g.js"');
});
