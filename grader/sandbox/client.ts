/**
 * The grader's side of a sandboxed exercise: one child process per exercise (per test worker), started on
 * the first call, with Node's permission model, a memory cap, a time limit per import and per call, and a
 * time budget per exercise. Whatever the student code does, every call ends with a result or an error that
 * says what happened.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { InputMutationError, StudentCrashError, StudentTimeoutError, SubmissionLoadError } from '../errors.ts';
import { studentPaths, type SandboxFolder } from './prepare.ts';
import type { FromChild, ToChild, WireError } from './protocol.ts';

export interface SandboxLimits {
  /** Loading the module (mathjs alone takes ≈1 s on a busy 2-core machine). */
  importMs: number;
  /** One call: every legitimate call of the suites takes milliseconds. */
  callMs: number;
  /** All calls of one exercise together. */
  exerciseMs: number;
  memoryMb: number;
}

const fromEnv = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

/** Defaults, overridable by environment for tests of the sandbox itself. */
export function sandboxLimits(): SandboxLimits {
  return {
    importMs: fromEnv('SEQLAB_IMPORT_TIMEOUT_MS', 15_000),
    callMs: fromEnv('SEQLAB_CALL_TIMEOUT_MS', 5_000),
    exerciseMs: fromEnv('SEQLAB_EXERCISE_BUDGET_MS', 60_000),
    memoryMb: fromEnv('SEQLAB_MEMORY_MB', 512),
  };
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
const permissionFlag = Number(process.versions.node.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';

/** Error classes a student function may throw on purpose (suites check e.g. `instanceof RangeError`). */
const STANDARD_ERRORS: Record<string, ErrorConstructor> = { RangeError, TypeError, SyntaxError, ReferenceError, EvalError, URIError };

/** Rebuilds an error the child reported, keeping the classes the report and the suites rely on. */
function studentError(error: WireError): Error {
  if (error.name === 'InputMutationError') return new InputMutationError(error.message);
  const standard = STANDARD_ERRORS[error.name];
  return standard ? new standard(error.message) : Object.assign(new Error(error.message), { name: error.name });
}

export class SandboxedExercise {
  private child: ChildProcess | undefined;
  private loading: Promise<void> | undefined;
  private loadFailure: SubmissionLoadError | undefined;
  private spentMs = 0;
  private nextCallId = 0;
  private stderrTail = '';

  constructor(
    private readonly id: string,
    private readonly modulePath: string,
    private readonly folder: SandboxFolder,
    private readonly limits: SandboxLimits = sandboxLimits(),
  ) {}

  async call(fn: string, args: unknown[]): Promise<unknown> {
    await this.load();
    const left = this.limits.exerciseMs - this.spentMs;
    if (left <= 0) throw new StudentTimeoutError(`${this.id} used up its time budget of ${seconds(this.limits.exerciseMs)}; ${fn} was not run`);
    const limit = Math.min(this.limits.callMs, left);
    const started = performance.now();
    try {
      const reply = await this.exchange({ type: 'call', id: this.nextCallId++, fn, args }, limit, {
        timeout: () => new StudentTimeoutError(`timed out after ${seconds(limit)} in ${fn}`),
        exit: (how) => new StudentCrashError(`${fn} ended the process (${how}): did it call process.exit, abort or run out of memory?`),
      });
      if (reply.type === 'failed') throw studentError(reply.error);
      if (reply.type !== 'result') throw new StudentCrashError(`${fn}: unexpected reply ${reply.type} from the student process`);
      return reply.value;
    } finally {
      this.spentMs += performance.now() - started;
    }
  }

  /** Stops the child, if any (the next call starts a fresh one). */
  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.loading = undefined;
  }

  private load(): Promise<void> {
    if (this.loadFailure) return Promise.reject(this.loadFailure);
    this.loading ??= this.exchange({ type: 'load', url: pathToFileURL(this.modulePath).href }, this.limits.importMs, {
      timeout: () => new SubmissionLoadError(`${this.id} did not finish loading within ${seconds(this.limits.importMs)} (an endless loop at import?)`),
      exit: (how) => new SubmissionLoadError(`${this.id} ended the process while loading (${how})`),
    })
      .then((reply) => {
        if (reply.type === 'load-failed') throw new SubmissionLoadError(`${this.id} failed to load: ${studentPaths(reply.error.message, this.folder, process.env.SEQLAB_SUBMISSION ?? 'the submission')}`);
      })
      .catch((error: unknown) => {
        // A module that cannot load will not load on a second try: every later call fails the same way.
        if (error instanceof SubmissionLoadError) this.loadFailure = error;
        throw error;
      });
    return this.loading;
  }

  private spawn(): ChildProcess {
    this.stderrTail = '';
    const child = fork(this.folder.runner, [], {
      execArgv: [
        permissionFlag,
        ...this.folder.readable.map((dir) => `--allow-fs-read=${dir}`),
        `--max-old-space-size=${this.limits.memoryMb}`,
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    // Drained so a flood of output can never block the child; the end of stderr explains a crash.
    child.stdout!.resume();
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    return child;
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    if (/heap out of memory|Allocation failed/i.test(this.stderrTail)) return 'out of memory';
    if (signal) return signal === 'SIGABRT' ? 'aborted' : `killed by ${signal}`;
    return `exit code ${code}`;
  }

  /** Sends one message and waits for the child's answer, a time limit or the child's end. */
  private exchange(
    message: ToChild,
    limitMs: number,
    errors: { timeout: () => Error; exit: (how: string) => Error },
  ): Promise<FromChild> {
    this.child ??= this.spawn();
    const child = this.child;
    return new Promise<FromChild>((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        outcome();
      };
      const onMessage = (reply: FromChild): void => {
        const answers = message.type === 'load' ? reply.type === 'loaded' || reply.type === 'load-failed' : 'id' in reply && reply.id === message.id;
        if (answers) finish(() => resolve(reply));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        const how = this.describeExit(code, signal);
        this.stop();
        finish(() => reject(errors.exit(how)));
      };
      const timer = setTimeout(() => {
        this.stop();
        finish(() => reject(errors.timeout()));
      }, limitMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(message);
    });
  }
}
