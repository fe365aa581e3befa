/**
 * The grader's side of a sandboxed exercise: one isolated process per exercise (per test worker), started on
 * the first call (grader/sandbox/isolation.ts says how it is isolated). Limits count the process's own CPU
 * time, so a busy machine never times out correct code; a process that stops computing without answering
 * (an unsettled promise) is ended after IDLE_MS, and a wall-clock backstop bounds everything else. Resident
 * memory (ArrayBuffers included) is watched every 50 ms. Whatever the student code does, every call ends with a
 * result or an error that says what happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { pathToFileURL } from 'node:url';
import { errorOfClass, LIMIT_VARIABLES, StudentCrashError, StudentTimeoutError, SubmissionLoadError } from '../runtime/errors.ts';
import { studentText } from '../runtime/student-text.ts';
import { launch, nodeArguments, type SandboxRun } from './isolation.ts';
import { studentPaths } from './prepare.ts';
import type { FromChild, ToChild, WireError } from './protocol.ts';
import { CAN_MEASURE_USAGE, treeUsage } from '../runtime/process-usage.ts';

export interface SandboxLimits {
  /** CPU time to load the module (mathjs alone takes ≈0.7 s). */
  importCpuMs: number;
  /** CPU time of one call: every legitimate call of the suites takes milliseconds. */
  callCpuMs: number;
  /** CPU time of one exercise's process(es) altogether, including anything it runs between calls. */
  exerciseCpuMs: number;
  /** Resident memory of the sandboxed process (and V8's heap limit). */
  memoryMb: number;
}

const fromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got '${process.env[name]}'`);
  return value;
};

/** Defaults, overridable by environment for tests of the sandbox itself. */
export function sandboxLimits(): SandboxLimits {
  return {
    importCpuMs: fromEnv(LIMIT_VARIABLES.importCpuMs, 15_000),
    callCpuMs: fromEnv(LIMIT_VARIABLES.callCpuMs, 5_000),
    exerciseCpuMs: fromEnv(LIMIT_VARIABLES.exerciseCpuMs, 60_000),
    memoryMb: fromEnv(LIMIT_VARIABLES.memoryMb, 512),
  };
}

/** A process waiting without computing for this long, with an exchange in flight, never answers. */
const IDLE_MS = 3000;
/**
 * The wall-clock bound of an exchange, whatever the load: a process that gets a tenth of a core still
 * reaches its CPU limit before it.
 */
const backstopMs = (cpuMs: number): number => 10 * cpuMs + 30_000;
/** How often usage is read: the bound is 100 ms. */
const POLL_MS = 50;
/** Messages from student code are capped: a 1 MB error message must not reach a report. */
const MAX_MESSAGE = 2000;

const signalName = (number: number): string | undefined => Object.entries(constants.signals).find(([, n]) => n === number)?.[0];
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
/** What the limits count: CPU time where /proc tells it, else the wall clock. */
const CPU_TIME = CAN_MEASURE_USAGE ? ' of CPU time' : '';

/** Rebuilds an error the child reported, keeping the classes the report and the suites rely on. */
const studentError = (error: WireError): Error => errorOfClass(studentText(error.name, 60), studentText(error.message, MAX_MESSAGE));

/** Why the grader ended the process, when it did. */
type Kill = { kind: 'cpu' | 'idle' | 'wall' | 'budget' } | { kind: 'memory'; mb: number };

export class SandboxedExercise {
  private child: ChildProcess | undefined;
  private monitor: NodeJS.Timeout | undefined;
  private kill: Kill | undefined;
  private loading: Promise<void> | undefined;
  private loadFailure: SubmissionLoadError | undefined;
  /** CPU time of processes that already ended, and of the live one at its last reading. */
  private spentCpuMs = 0;
  private liveCpuMs = 0;
  /** The CPU limit of the exchange in flight, counted from the live process's CPU time when it began. */
  private exchange: { startCpuMs: number; limitMs: number } | undefined;
  /** When the live process's CPU time last moved (performance.now()). */
  private lastProgressAt = 0;
  private nextCallId = 0;
  private stderrTail = '';

  constructor(
    private readonly id: string,
    private readonly modulePath: string,
    private readonly run: SandboxRun,
    private readonly limits: SandboxLimits = sandboxLimits(),
  ) {}

  private get usedCpuMs(): number {
    return this.spentCpuMs + this.liveCpuMs;
  }

  async call(fn: string, args: unknown[]): Promise<unknown> {
    await this.load();
    const left = this.limits.exerciseCpuMs - this.usedCpuMs;
    if (left <= 0) throw new StudentTimeoutError(`${this.id} used up its ${seconds(this.limits.exerciseCpuMs)} of CPU time; ${fn} was not run`);
    const limit = Math.min(this.limits.callCpuMs, left);
    const reply = await this.send({ type: 'call', id: this.nextCallId++, fn, args }, limit, {
      cpu: () => new StudentTimeoutError(`${fn} did not return within ${seconds(limit)}${CPU_TIME} — an endless loop?`),
      idle: () => new StudentTimeoutError(`${fn} stopped computing for ${seconds(IDLE_MS)} without returning — waiting for something that never happens (a promise never settled)?`),
      wall: () => new StudentTimeoutError(`${fn} did not return within ${seconds(backstopMs(limit))} of wall-clock time`),
      exit: (how) => new StudentCrashError(`${fn} ended the process (${how})`),
    });
    if (reply.type === 'failed') throw studentError(reply.error);
    if (reply.type !== 'result') throw new StudentCrashError(`${fn}: unexpected reply ${reply.type} from the student process`);
    return reply.value;
  }

  /** Stops the process, if any (the next call starts a fresh one). */
  stop(): void {
    clearInterval(this.monitor);
    this.monitor = undefined;
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.loading = undefined;
    this.spentCpuMs += this.liveCpuMs;
    this.liveCpuMs = 0;
  }

  private load(): Promise<void> {
    if (this.loadFailure) return Promise.reject(this.loadFailure);
    const limit = this.limits.importCpuMs;
    this.loading ??= this.send({ type: 'load', url: pathToFileURL(this.modulePath).href }, limit, {
      cpu: () => new SubmissionLoadError(`${this.id} did not finish loading within ${seconds(limit)}${CPU_TIME} (an endless loop at import?)`),
      idle: () => new SubmissionLoadError(`${this.id} stopped computing for ${seconds(IDLE_MS)} while loading (waiting for something at import?)`),
      wall: () => new SubmissionLoadError(`${this.id} did not finish loading within ${seconds(backstopMs(limit))} of wall-clock time`),
      exit: (how) => new SubmissionLoadError(`${this.id} ended the process while loading (${how})`),
    })
      .then((reply) => {
        if (reply.type === 'load-failed') throw new SubmissionLoadError(`${this.id} failed to load: ${studentText(studentPaths(reply.error.message, this.run.folder, process.env.SEQLAB_SUBMISSION ?? 'the submission'), MAX_MESSAGE)}`);
      })
      .catch((error: unknown) => {
        // A module that cannot load will not load on a second try: every later call fails the same way.
        if (error instanceof SubmissionLoadError) this.loadFailure = error;
        throw error;
      });
    return this.loading;
  }

  private start(): ChildProcess {
    this.stderrTail = '';
    this.kill = undefined;
    const nodeArgs = nodeArguments(this.run.folder, this.limits.memoryMb, [this.run.folder.runner]);
    const { command, args, options } = launch(this.run, nodeArgs);
    const child = spawn(command, args, options);
    // Drained so a flood of output can never block the child; the end of stderr explains a crash.
    child.stdout!.resume();
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    if (CAN_MEASURE_USAGE) this.monitor = setInterval(() => this.watch(child), POLL_MS).unref();
    return child;
  }

  /** Ends the process that crosses a limit; its exit then rejects the exchange in flight with the reason. */
  private watch(child: ChildProcess): void {
    const usage = child.pid === undefined ? undefined : treeUsage(child.pid);
    if (!usage || this.kill) return;
    if (usage.cpuMs > this.liveCpuMs) this.lastProgressAt = performance.now();
    this.liveCpuMs = usage.cpuMs;
    if (usage.rssMb > this.limits.memoryMb) this.kill = { kind: 'memory', mb: Math.round(usage.rssMb) };
    else if (this.exchange && usage.cpuMs - this.exchange.startCpuMs > this.exchange.limitMs) this.kill = { kind: 'cpu' };
    else if (this.exchange && performance.now() - this.lastProgressAt > IDLE_MS) this.kill = { kind: 'idle' };
    else if (this.usedCpuMs > this.limits.exerciseCpuMs) this.kill = { kind: 'budget' };
    if (this.kill) child.kill('SIGKILL');
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    if (this.kill?.kind === 'memory') return `out of memory: ${this.kill.mb} MB resident, the limit is ${this.limits.memoryMb} MB`;
    if (this.kill?.kind === 'budget') return `${this.id} used up its ${seconds(this.limits.exerciseCpuMs)} of CPU time`;
    if (/heap out of memory|Allocation failed/i.test(this.stderrTail)) return `out of memory: over the ${this.limits.memoryMb} MB limit`;
    // bubblewrap's PID 1 ends with 128 + the signal that ended the Node process inside it.
    const fromBwrap = this.run.isolation === 'bwrap' && code !== null && code > 128 ? signalName(code - 128) : undefined;
    const how = signal ?? fromBwrap;
    if (how) return how === 'SIGABRT' ? 'aborted' : `killed by ${how}`;
    return `exit code ${code}`;
  }

  /** Sends one message and waits for the answer, a limit or the process's end. */
  private send(
    message: ToChild,
    cpuLimitMs: number,
    errors: { cpu: () => Error; idle: () => Error; wall: () => Error; exit: (how: string) => Error },
  ): Promise<FromChild> {
    this.child ??= this.start();
    const child = this.child;
    this.exchange = { startCpuMs: this.liveCpuMs, limitMs: cpuLimitMs };
    this.lastProgressAt = performance.now();
    // Without /proc (macOS, Windows) the CPU limit is counted on the wall clock instead.
    const wallMs = CAN_MEASURE_USAGE ? backstopMs(cpuLimitMs) : cpuLimitMs;
    return new Promise<FromChild>((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        this.exchange = undefined;
        child.off('message', onMessage);
        child.off('exit', onExit);
        outcome();
      };
      const onMessage = (reply: FromChild): void => {
        const answers = message.type === 'load' ? reply.type === 'loaded' || reply.type === 'load-failed' : 'id' in reply && reply.id === message.id;
        if (answers) finish(() => resolve(reply));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        const kill = this.kill;
        const how = this.describeExit(code, signal);
        this.stop();
        const error =
          kill?.kind === 'cpu' || (kill?.kind === 'wall' && !CAN_MEASURE_USAGE) ? errors.cpu()
          : kill?.kind === 'idle' ? errors.idle()
          : kill?.kind === 'wall' ? errors.wall()
          : errors.exit(how);
        finish(() => reject(error));
      };
      const timer = setTimeout(() => {
        this.kill ??= { kind: 'wall' };
        child.kill('SIGKILL');
      }, wallMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(message);
    });
  }
}
