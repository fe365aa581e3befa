/**
 * How student code is isolated, chosen once per grading run, and the command that starts one sandboxed
 * process:
 * - `bwrap`: bubblewrap's operating-system namespaces (grader/sandbox/bwrap.ts) around Node's permission
 *   model. The only level that makes an authoritative grade.
 * - `permission-model`: Node's permission model alone, where bubblewrap cannot run (macOS, Windows, a
 *   container without user namespaces). Node's own documentation calls it a seat belt, not a sandbox: the
 *   grade says so, and regrade refuses it unless the teacher accepts the risk by name.
 * Either way the process gets an empty environment and can read only its sandbox folder and the packages of
 * node_modules. When the grader is root it runs as `nobody`; where `nobody` cannot reach the course (a folder
 * above node_modules closed to other users), bubblewrap starts it as root mapped to `nobody` in a user
 * namespace of its own, with no capability outside it.
 * SEQLAB_SANDBOX=bwrap requires bubblewrap (an error if it cannot run); =permission-model skips it.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { bwrapArgs } from './bwrap.ts';
import { packagesWithEscapingLinks } from './links.ts';
import type { SandboxFolder } from './prepare.ts';

export type Isolation = 'bwrap' | 'permission-model';
/** What a grade report records: the isolation student code had, or none for trusted code. */
export type SandboxLevel = Isolation | 'in-process';

/** What workers need to start sandboxed processes (passed to them as JSON in SEQLAB_SANDBOX_RUN). */
export interface SandboxRun {
  isolation: Isolation;
  folder: SandboxFolder;
  /** bubblewrap's absolute path, when isolation is bwrap. */
  bwrap?: string;
  /**
   * Who starts the process when the grader is root: `nobody`, or the grader itself (bwrap then maps it to
   * nobody inside its own user namespace). Unused when the grader is not root.
   */
  startAs: 'nobody' | 'grader';
}

export interface IsolationChoice {
  run: SandboxRun;
  /** Lines for the report's warnings: why bubblewrap is not used, packages hidden from the fallback. */
  warnings: string[];
}

/** The user and group `nobody`: the sandboxed process never runs as root. */
const NOBODY = 65534;

function permissionFlag(): string {
  const flags = process.allowedNodeEnvironmentFlags;
  if (flags.has('--permission')) return '--permission';
  if (flags.has('--experimental-permission')) return '--experimental-permission';
  throw new Error(`Node ${process.version} has no permission model: use Node 20.19 or newer (22.13+ on the 22 line)`);
}

function findOnPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, program);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Node's arguments in the sandbox: the permission model's allow-list, the heap cap, the runner. */
export function nodeArguments(folder: SandboxFolder, memoryMb: number, script: readonly string[]): string[] {
  return [
    permissionFlag(),
    `--allow-fs-read=${folder.root}`,
    ...folder.modules.entries.map((name) => `--allow-fs-read=${join(folder.modules.root, name)}`),
    `--max-old-space-size=${memoryMb}`,
    ...script,
  ];
}

/** How to start one sandboxed Node process running `nodeArgs`, with the IPC channel on descriptor 3. */
export function launch(run: SandboxRun, nodeArgs: readonly string[]): { command: string; args: string[]; options: SpawnOptions } {
  const asNobody = process.getuid?.() === 0 && run.startAs === 'nobody';
  const options: SpawnOptions = {
    cwd: run.folder.root,
    env: {},
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
    ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  };
  if (run.isolation === 'bwrap') {
    const mapped = process.getuid?.() === 0 && !asNobody ? ['--uid', String(NOBODY), '--gid', String(NOBODY), '--cap-drop', 'ALL'] : [];
    return { command: run.bwrap!, args: [...mapped, ...bwrapArgs(run.folder, process.execPath, nodeArgs)], options };
  }
  return { command: process.execPath, args: [...nodeArgs], options };
}

/** Starts `node -e 0` the way a sandboxed exercise starts; resolves to what went wrong, if anything. */
function probe(run: SandboxRun): Promise<string | undefined> {
  const { command, args, options } = launch(run, ['-e', '0']);
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.resume();
    // Generous: a busy machine may take seconds to start Node; a broken bubblewrap fails at once.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', (error) => resolve(error.message));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? undefined : stderr.trim().split('\n')[0] || `exit ${code ?? signal}`);
    });
  });
}

/**
 * The run as `nobody` where that works; as root, when `nobody` cannot reach the course, the grader starts the
 * process itself: mapped to nobody by bubblewrap, or (the fallback) as root with a warning.
 */
async function withStartingUser(run: SandboxRun): Promise<{ run: SandboxRun; failure?: string; warning?: string }> {
  const failure = await probe(run);
  if (!failure || process.getuid?.() !== 0) return { run, failure };
  const asGrader: SandboxRun = { ...run, startAs: 'grader' };
  const second = await probe(asGrader);
  if (second) return { run, failure };
  const warning = run.isolation === 'permission-model'
    ? `student code ran as root: the user nobody cannot reach ${run.folder.modules.root} (${failure})`
    : undefined;
  return { run: asGrader, warning };
}

/** Why this machine cannot run bubblewrap, in one line with the fix; undefined when it can. */
function bwrapProblem(run: SandboxRun, failure: string | undefined): string | undefined {
  if (process.platform !== 'linux') return `bubblewrap needs Linux (this is ${process.platform})`;
  if (!run.bwrap) return 'bubblewrap is not installed (Debian/Ubuntu: sudo apt-get install bubblewrap)';
  if (!failure) return undefined;
  const restricted = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';
  const apparmor = existsSync(restricted) && readFileSync(restricted, 'utf8').trim() === '1'
    ? ' (AppArmor restricts unprivileged user namespaces: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)'
    : '';
  return `bubblewrap cannot start here: ${failure}${apparmor}`;
}

export async function chooseIsolation(folder: SandboxFolder, wanted = process.env.SEQLAB_SANDBOX): Promise<IsolationChoice> {
  if (wanted !== undefined && wanted !== 'bwrap' && wanted !== 'permission-model') {
    throw new Error(`SEQLAB_SANDBOX must be 'bwrap' or 'permission-model', got '${wanted}'`);
  }
  const bwrap: SandboxRun = { isolation: 'bwrap', folder, bwrap: findOnPath('bwrap'), startAs: 'nobody' };
  if (wanted !== 'permission-model') {
    const tried = process.platform === 'linux' && bwrap.bwrap ? await withStartingUser(bwrap) : { run: bwrap };
    const problem = bwrapProblem(bwrap, tried.failure);
    if (!problem) return { run: tried.run, warnings: [] };
    if (wanted === 'bwrap') throw new Error(`SEQLAB_SANDBOX=bwrap, but ${problem}`);
    return fallback(folder, problem);
  }
  return fallback(folder, 'SEQLAB_SANDBOX=permission-model');
}

async function fallback(folder: SandboxFolder, problem: string): Promise<IsolationChoice> {
  const unsafe = packagesWithEscapingLinks(folder.modules.root, folder.modules.entries);
  const entries = folder.modules.entries.filter((entry) => !unsafe.has(entry));
  const tried = await withStartingUser({ isolation: 'permission-model', folder: { ...folder, modules: { ...folder.modules, entries } }, startAs: 'nobody' });
  const warnings = [
    `student code ran under Node's permission model only, not in an operating-system sandbox (${problem}): not an authoritative grade`,
    ...(tried.warning ? [tried.warning] : []),
    ...(tried.failure ? [`student code cannot start: ${tried.failure}`] : []),
    ...[...unsafe].map(([entry, link]) => `node_modules/${entry} is hidden from student code: its link ${link} could lead out of the sandbox`),
  ];
  return { run: tried.run, warnings };
}
