/**
 * The sandbox tests' harness: submissions of one module, their sandbox folders, a sandboxed exercise under a
 * chosen isolation, and the hostile corpus (hostile-corpus.ts) as a describe block for one isolation.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { url as inspectorUrl } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../runtime/paths.ts';
import { SandboxedExercise, type SandboxLimits } from '../sandbox/client.ts';
import { chooseIsolation, type Isolation } from '../sandbox/isolation.ts';
import { prepareSandbox, type PreparedSandbox } from '../sandbox/prepare.ts';
import { HOSTILE_CASES, type Targets } from './hostile-corpus.ts';

// Short limits keep the corpus fast; the defaults are in grader/sandbox/client.ts.
export const limits: SandboxLimits = { importCpuMs: 1000, callCpuMs: 500, exerciseCpuMs: 30_000, memoryMb: 256 };
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

/** The isolation `npm test` attacks: bubblewrap is required here (CI installs it) unless the developer says the machine has none. */
export const ISOLATION_HERE: Isolation = process.env.SEQLAB_SANDBOX === 'permission-model' ? 'permission-model' : 'bwrap';

const cleanup: string[] = [];
/** For afterAll: removes the submissions and sandbox folders this file made. */
export function removeSandboxFiles(): void {
  cleanup.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}

export function submissionWith(source: string): string {
  const submission = mkdtempSync(join(tmpdir(), 'seqlab-corpus-'));
  mkdirSync(join(submission, '01-rnn-forward'));
  writeFileSync(join(submission, '01-rnn-forward', 'rnn-forward.ts'), source);
  cleanup.push(submission);
  return submission;
}

export function prepared(submission: string): PreparedSandbox {
  const folder = prepareSandbox(submission);
  cleanup.push(folder.root);
  return folder;
}

export async function sandboxed(source: string, isolation: Isolation, exerciseLimits = limits): Promise<SandboxedExercise> {
  const folder = prepared(submissionWith(source));
  const { run } = await chooseIsolation(folder, isolation);
  return new SandboxedExercise('01-rnn-forward', join(folder.submission, '01-rnn-forward', 'rnn-forward.js'), run, exerciseLimits);
}

/**
 * Every case of the corpus under one isolation. Besides the outcome it names, each case must leave alone a
 * sentinel process, a TCP server of this process and this process's inspector.
 */
export function describeHostileCorpus(isolation: Isolation): void {
  describe(`hostile corpus under ${isolation}`, () => {
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
    });

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
}
