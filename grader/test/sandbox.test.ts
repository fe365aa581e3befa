/**
 * The sandbox under attack: the hostile corpus under the isolation this machine grades with (bubblewrap; the
 * permission-model fallback is sandbox-permission-model.slow.test.ts, in `npm run test:slow`), the
 * submission intake, the choice of isolation and the CPU-time limits. Every corpus case ends with the
 * outcome it names, no output carries a byte of the course's secrets or the grader's environment, no
 * process outside the sandbox is touched and the grader's inspector stays closed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../runtime/paths.ts';
import { SandboxedExercise, sandboxLimits } from '../sandbox/client.ts';
import { chooseIsolation, type SandboxRun } from '../sandbox/isolation.ts';
import { transpile, type PreparedSandbox } from '../sandbox/prepare.ts';
import { describeHostileCorpus, ISOLATION_HERE, limits, prepared, removeSandboxFiles, sandboxed, submissionWith } from './sandbox-harness.ts';

afterAll(removeSandboxFiles);

describeHostileCorpus(ISOLATION_HERE);

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

  test.runIf(ISOLATION_HERE === 'bwrap')('bubblewrap runs here (CI installs it); the child is PID 2 without network', async () => {
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
    const student = await sandboxed('throw new Error("boom");', ISOLATION_HERE);
    await expect(student.call('rnnStepForward', [])).rejects.toThrow('failed to load: boom');
    await expect(student.call('rnnStepForward', [])).rejects.toThrow('failed to load: boom');
  });

  test('after a timeout the next call runs in a fresh process', async () => {
    const student = await sandboxed('let calls = 0; export function rnnStepForward(x) { if (x === "hang") while (true) {} return ++calls; }', ISOLATION_HERE);
    await expect(student.call('rnnStepForward', ['hang'])).rejects.toThrow('did not return');
    expect(await student.call('rnnStepForward', ['ok'])).toBe(1);
    student.stop();
  });

  test('an exercise that used up its CPU time runs nothing more', async () => {
    // Each call computes for 200 ms of its own CPU time, however busy the machine is.
    const spin = 'const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; }; export function rnnStepForward() { const end = cpu() + 200_000; while (cpu() < end) {} return 1; }';
    const student = await sandboxed(spin, ISOLATION_HERE, { ...limits, exerciseCpuMs: 1500 });
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
