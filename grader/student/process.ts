/**
 * The student's own runs (`npm test` of the exercises, `npm run watch`, `npm run progress`): each exercise's
 * code runs in a child process of the test worker, so that
 * - a call that does not return (a synchronous endless loop included) is stopped after a time limit that
 *   counts the child's CPU time: "rnnForward did not return within 5 s — an infinite loop?";
 * - a crash, an exit or an out-of-memory ends the child, not the test run, and is named;
 * - every error names the first line of the student's files it went through (source maps);
 * - a module that fails to load is named, with the module that imported it;
 * - a saved file is seen at the next call: the child restarts when one of its files changed, so watch mode
 *   can keep its workers.
 * The graded path uses the OS sandbox instead (grader/sandbox/); both check that inputs stay unchanged.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import inspector from 'node:inspector';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorOfClass, LIMIT_VARIABLES, StudentCrashError, StudentTimeoutError, SubmissionLoadError } from '../runtime/errors.ts';
import { REPO_ROOT } from '../runtime/paths.ts';
import { TODO_PREFIX } from '../runtime/stubs.ts';
import { treeUsage } from '../runtime/process-usage.ts';
import { loadOrder, type LoadStep } from './imports.ts';
import type { FromChild, ToChild, WireError } from './protocol.ts';
import { transpiled } from './transpile.ts';
import { studentFrame, studentPath, studentStack, describeFrame } from './where.ts';

export interface StudentLimits {
  /** Loading the modules (mathjs alone takes ≈1 s on a busy 2-core machine). */
  importMs: number;
  /** One call, in CPU time of the child: every call of the public tests takes milliseconds. */
  callMs: number;
  memoryMb: number;
}

const fromEnv = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

/**
 * Under a debugger (VS Code's debug terminal or launch configuration attaches to the child too) a call
 * paused at a breakpoint is not an endless loop: no time limits then.
 */
const underDebugger = (): boolean => inspector.url() !== undefined || /js-debug|--inspect/.test(process.env.NODE_OPTIONS ?? '');

/** Defaults, overridable by environment (the same variables as the sandbox's limits). */
export function studentLimits(): StudentLimits {
  if (underDebugger()) return { importMs: Infinity, callMs: Infinity, memoryMb: fromEnv(LIMIT_VARIABLES.memoryMb, 1024) };
  return {
    importMs: fromEnv(LIMIT_VARIABLES.importCpuMs, 15_000),
    callMs: fromEnv(LIMIT_VARIABLES.callCpuMs, 5_000),
    memoryMb: fromEnv(LIMIT_VARIABLES.memoryMb, 1024),
  };
}

/** A call waiting without using CPU (a promise that never settles) is stopped after this many times its limit. */
const WALL_FACTOR = 4;

const cpuMsOf = (pid: number | undefined): number | undefined => (pid === undefined ? undefined : treeUsage(pid)?.cpuMs);
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;


/** The child runner, transpiled like a submission (it needs no TypeScript loader then). */
function runnerPath(): string {
  const steps = loadOrder(join(REPO_ROOT, 'grader/student/child.ts'));
  return fileURLToPath(steps.map(({ file }) => transpiled(file, REPO_ROOT)).at(-1)!);
}

export class StudentProcess {
  private child: ChildProcess | undefined;
  private spare: ChildProcess | undefined;
  private restarted = false;
  private loading: Promise<void> | undefined;
  private loadFailure: SubmissionLoadError | undefined;
  /** Each loaded file's modification time: a change restarts the child at the next call. */
  private stamps = new Map<string, number>();
  /** Functions that timed out: later calls fail at once (until a file changes) instead of waiting again. */
  private timedOut = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private nextCallId = 0;
  private stderrTail = '';

  constructor(
    private readonly id: string,
    private readonly entry: string,
    private readonly submission: string,
    private readonly limits: StudentLimits = studentLimits(),
  ) {}

  /** One call at a time, so that each call's CPU time is its own. */
  call(fn: string, args: unknown[]): Promise<unknown> {
    const run = this.queue.then(() => this.callNow(fn, args));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the child, if any; the next call starts a fresh one and loads the files again. */
  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.loading = undefined;
  }

  private async callNow(fn: string, args: unknown[]): Promise<unknown> {
    if (this.changedSinceLoad()) {
      this.restarted = true;
      this.stop();
      this.loadFailure = undefined;
      this.timedOut.clear();
    }
    const earlier = this.timedOut.get(fn);
    if (earlier) throw new StudentTimeoutError(`${earlier} (in an earlier test; not run again until you save a change)`);
    await this.load();
    const id = this.nextCallId++;
    const reply = await this.exchange({ type: 'call', id, fn, args }, this.limits.callMs, {
      answers: (r) => 'id' in r && r.id === id,
      timeout: () => {
        const message = `${fn} did not return within ${seconds(this.limits.callMs)} — an infinite loop?`;
        this.timedOut.set(fn, message);
        return new StudentTimeoutError(message);
      },
      exit: (how) => new StudentCrashError(`${fn} ended the process (${how}): did it call process.exit, abort or run out of memory?`),
    });
    if (reply.type === 'result') return reply.value;
    if (reply.type === 'missing') throw new Error(`${this.id} does not export a function named ${fn} (it exports: ${reply.exported.join(', ') || 'nothing'})`);
    if (reply.type === 'failed') throw this.rebuild(reply.error);
    throw new StudentCrashError(`${fn}: unexpected reply ${reply.type} from the student process`);
  }

  private changedSinceLoad(): boolean {
    for (const [file, stamp] of this.stamps) if (modified(file) !== stamp) return true;
    return false;
  }

  private load(): Promise<void> {
    if (this.loadFailure) return Promise.reject(this.loadFailure);
    if (!existsSync(this.entry)) return Promise.reject(new SubmissionLoadError(`${this.id}: no file ${this.entry}`));
    this.loading ??= this.loadNow().catch((error: unknown) => {
      // A module that cannot load will not load on a second try: every later call fails the same way.
      if (error instanceof SubmissionLoadError) this.loadFailure = error;
      throw error;
    });
    return this.loading;
  }

  private async loadNow(): Promise<void> {
    const order = loadOrder(this.entry);
    this.stamps = new Map(order.map(({ file }) => [file, modified(file)]));
    const steps = order.map((step) => ({ ...step, url: transpiled(step.file, this.submission) }));
    let current = steps.length - 1;
    const which = (step: LoadStep) => (step.importer ? `${studentPath(step.file)} (imported by ${studentPath(step.importer)})` : studentPath(step.file));
    const reply = await this.exchange({ type: 'load', steps }, this.limits.importMs, {
      answers: (r) => {
        if (r.type === 'loading') current = r.step;
        return r.type === 'loaded' || r.type === 'load-failed';
      },
      timeout: () => new SubmissionLoadError(`${this.id}: ${which(steps[current]!)} did not finish loading within ${seconds(this.limits.importMs)} (an endless loop at import?)`),
      exit: (how) => new SubmissionLoadError(`${this.id}: ${which(steps[current]!)} ended the process while loading (${how})`),
    });
    if (reply.type !== 'load-failed') return;
    const step = steps[reply.step]!;
    const error = this.rebuild(reply.error);
    const prefix = step.importer ? `${this.id} failed to load: ${which(step)} failed to load` : `${this.id} failed to load`;
    throw new SubmissionLoadError(`${prefix}: ${error.message}`);
  }

  /** The student's error in the test worker: the same class, the message with where it happened. */
  private rebuild(error: WireError): Error {
    // The line of the exercise's own file first (a shared helper's throw says less than the call that led to it).
    const frame = studentFrame(error.frames, join(this.submission, this.id)) ?? studentFrame(error.frames, this.submission);
    let message = error.message;
    if (frame && !message.startsWith(TODO_PREFIX)) message += `\n${describeFrame(frame)}`;
    const rebuilt = errorOfClass(error.name, message);
    rebuilt.stack = studentStack(rebuilt.name, message, error.frames, this.submission);
    return rebuilt;
  }

  /** A started Node process, idle: it never keeps the test worker alive. */
  private fork(): ChildProcess {
    const child = fork(runnerPath(), [], {
      cwd: REPO_ROOT,
      execArgv: ['--enable-source-maps', `--max-old-space-size=${this.limits.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    return child;
  }

  private spawn(): ChildProcess {
    this.stderrTail = '';
    const child = this.spare ?? this.fork();
    // Once a saved change restarted this exercise (watch mode), the next save will too: a process started
    // now waits for it, so that a re-run does not wait for Node to start.
    this.spare = this.restarted ? this.fork() : undefined;
    // The student's console.log goes through the worker's console, so Vitest shows it under its test.
    child.stdout!.on('data', (chunk: Buffer) => console.log(chunk.toString().replace(/\n$/, '')));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      this.stderrTail = (this.stderrTail + text).slice(-2000);
      if (!/heap out of memory|Allocation failed|^\s*<--- Last few GCs/m.test(text)) console.error(text.replace(/\n$/, ''));
    });
    return child;
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    if (/heap out of memory|Allocation failed/i.test(this.stderrTail)) return 'out of memory';
    if (signal) return signal === 'SIGABRT' ? 'aborted' : `killed by ${signal}`;
    return `exit code ${code}`;
  }

  /** Sends one message and waits for the answer, the time limit (CPU time where it can be read) or the child's end. */
  private exchange(
    message: ToChild,
    limitMs: number,
    on: { answers: (reply: FromChild) => boolean; timeout: () => Error; exit: (how: string) => Error },
  ): Promise<FromChild> {
    this.child ??= this.spawn();
    const child = this.child;
    child.ref();
    (child.channel as { ref?: () => void } | undefined)?.ref?.();
    const startWall = performance.now();
    const startCpu = cpuMsOf(child.pid);
    return new Promise<FromChild>((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        // An idle child must not keep the test worker alive; it exits when the worker disconnects.
        child.unref();
        (child.channel as { unref?: () => void } | undefined)?.unref?.();
        outcome();
      };
      const onMessage = (reply: FromChild): void => {
        if (on.answers(reply)) finish(() => resolve(reply));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        const how = this.describeExit(code, signal);
        this.stop();
        finish(() => reject(on.exit(how)));
      };
      const check = (): void => {
        const wallMs = performance.now() - startWall;
        const cpu = cpuMsOf(child.pid);
        const usedMs = cpu !== undefined && startCpu !== undefined ? cpu - startCpu : wallMs;
        if (usedMs < limitMs && wallMs < WALL_FACTOR * limitMs) {
          timer = setTimeout(check, Math.max(50, limitMs - usedMs));
          return;
        }
        this.stop();
        finish(() => reject(on.timeout()));
      };
      let timer = Number.isFinite(limitMs) ? setTimeout(check, limitMs) : undefined;
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(message);
    });
  }
}

/** A file's modification time, or −1 when it is gone. */
function modified(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
