/**
 * How student code is isolated, chosen once per grading run, and the command that starts one sandboxed
 * process:
 * - `bwrap`: bubblewrap's operating-system namespaces (grader/sandbox/bwrap.ts) around Node's permission
 *   model. The only level that makes an authoritative grade.
 * - `permission-model`: Node's permission model alone, where bubblewrap cannot run (macOS, Windows, a
 *   container without user namespaces). Node's own documentation calls it a seat belt, not a sandbox: the
 *   grade says so, and regrade refuses it unless the teacher accepts the risk by name.
 * Either way the process gets an empty environment, runs as `nobody` when the grader is root, and can read
 * only its sandbox folder and the packages of node_modules.
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
}

export interface IsolationChoice {
  run: SandboxRun;
  /** Lines for the report's warnings: why bubblewrap is not used, packages hidden from the fallback. */
  warnings: string[];
}

/** The user and group `nobody`: the sandboxed process never runs as root. */
const NOBODY = 65534;

export function permissionFlag(): string {
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
  const asRoot = process.getuid?.() === 0;
  const options: SpawnOptions = {
    cwd: run.folder.root,
    env: {},
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  };
  if (run.isolation === 'bwrap') return { command: run.bwrap!, args: bwrapArgs(run.folder, process.execPath, nodeArgs), options };
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

/** Why this machine cannot run bubblewrap, in one line with the fix; undefined when it can. */
async function bwrapProblem(run: SandboxRun): Promise<string | undefined> {
  if (process.platform !== 'linux') return `bubblewrap needs Linux (this is ${process.platform})`;
  if (!run.bwrap) return 'bubblewrap is not installed (Debian/Ubuntu: sudo apt-get install bubblewrap)';
  const failure = await probe(run);
  if (!failure) return undefined;
  const restricted = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';
  const apparmor = existsSync(restricted) && readFileSync(restricted, 'utf8').trim() === '1'
    ? ' (AppArmor restricts unprivileged user namespaces: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)'
    : '';
  const unreachable = process.getuid?.() === 0 && /Permission denied|EACCES/.test(failure)
    ? ' (the sandbox runs as nobody: the Node binary and every folder above node_modules must be readable by other users)'
    : '';
  return `bubblewrap cannot start here: ${failure}${apparmor}${unreachable}`;
}

export async function chooseIsolation(folder: SandboxFolder, wanted = process.env.SEQLAB_SANDBOX): Promise<IsolationChoice> {
  if (wanted !== undefined && wanted !== 'bwrap' && wanted !== 'permission-model') {
    throw new Error(`SEQLAB_SANDBOX must be 'bwrap' or 'permission-model', got '${wanted}'`);
  }
  const bwrap: SandboxRun = { isolation: 'bwrap', folder, bwrap: findOnPath('bwrap') };
  const problem = wanted === 'permission-model' ? 'SEQLAB_SANDBOX=permission-model' : await bwrapProblem(bwrap);
  if (!problem) return { run: bwrap, warnings: [] };
  if (wanted === 'bwrap') throw new Error(`SEQLAB_SANDBOX=bwrap, but ${problem}`);
  const unsafe = packagesWithEscapingLinks(folder.modules.root, folder.modules.entries);
  const warnings = [
    `student code ran under Node's permission model only, not in an operating-system sandbox (${problem}): not an authoritative grade`,
    ...[...unsafe].map(([entry, link]) => `node_modules/${entry} is hidden from student code: its link ${link} could lead out of the sandbox`),
  ];
  const entries = folder.modules.entries.filter((entry) => !unsafe.has(entry));
  return { run: { isolation: 'permission-model', folder: { ...folder, modules: { ...folder.modules, entries } } }, warnings };
}
