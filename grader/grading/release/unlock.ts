/**
 * `npm run grade` inside a student release: `[--hidden-key KEY | env SEQLAB_GRADER_KEY]`, then the options
 * of grader/grading/cli.ts (`--submission`, `--out`, `--only`, `--seed`, `--fail-under`, …).
 *
 * With the key: opens grader/bundle.enc in memory, checks the release against the manifest inside it (the
 * authentic one), writes a private mirror into a fresh mkdtemp folder (mode 0700) — the release as it was
 * built, plus the reference and the hidden suites, never the student's edits of protected files — links
 * node_modules into it, runs the normal grader from there (so its REPO_ROOT is the mirror), and removes the
 * mirror afterwards, also on failure or interruption. Student code still runs only in the grader's sandbox
 * (grader/sandbox/), which can read its own folder and node_modules, not the mirror; the grader process
 * does not receive the key.
 *
 * Without the key: runs the grader in place on the public suites; the hidden tests, listed in the plain
 * manifest, appear as skipped ("runs in CI") with their points in maxScore. Both ways the integrity result
 * goes into every report format. Exit status: the grader's (0 graded, 1 below --fail-under, 2 the grader
 * could not run); a wrong key or a damaged bundle is status 2 with one line saying which.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../runtime/paths.ts';
import { BundleError, decryptBundle } from './bundle.ts';
import { writeReleaseContext, type ReleaseContext } from './context.ts';
import { BUNDLE_PATH, compareManifests, MANIFEST_PATH, parseManifest, readManifest, verifyIntegrity, type IntegrityResult } from './integrity.ts';

const USAGE = `usage: npm run grade -- [--hidden-key KEY] [--submission DIR] [--out OUT] [grader options]
  --hidden-key KEY   the key of the hidden tests (64 hex characters); prefer the environment variable
                     SEQLAB_GRADER_KEY, which CI sets from the repository secret. Without a key the hidden
                     tests are listed as skipped ("runs in CI") and count 0 points.
  --submission DIR   folder with the exercises/ layout to grade (default: exercises)
  --out OUT          where the reports go (default: .seqlab)
  --only IDS, --seed N, --fail-under N   as in grader/grading/cli.ts (npm run grade -- --help-grader)`;

class UnlockError extends Error {
  override name = 'UnlockError';
}

interface Arguments {
  key: string | undefined;
  submission: string;
  out: string;
  inProcess: boolean;
  help: boolean;
  helpGrader: boolean;
  /** Everything else, for grader/grading/cli.ts. */
  forwarded: string[];
}

function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Arguments {
  const parsed: Arguments = { key: undefined, submission: 'exercises', out: '.seqlab', inProcess: false, help: false, helpGrader: false, forwarded: [] };
  const valued: Record<string, (value: string) => void> = {
    '--hidden-key': (v) => (parsed.key = v),
    '--submission': (v) => (parsed.submission = v),
    '--out': (v) => (parsed.out = v),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const set = valued[name];
    if (set) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UnlockError(`${name} needs a value`);
      set(value);
    } else if (name === '--release-context') throw new UnlockError('--release-context is internal to the grader');
    else if (arg === '-h' || arg === '--help') parsed.help = true;
    else if (arg === '--help-grader') parsed.helpGrader = true;
    else {
      if (arg === '--in-process') parsed.inProcess = true;
      parsed.forwarded.push(arg);
    }
  }
  const fromEnv = env.SEQLAB_GRADER_KEY?.trim();
  parsed.key = parsed.key?.trim() || fromEnv || undefined;
  return parsed;
}

/**
 * Interruptions (Ctrl-C, a cancelled CI job) end the grader and then this process through the normal
 * path, so that the `finally` blocks remove the mirror: the default action would leave it behind.
 */
let running: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted ??= signal;
    running?.kill(signal);
  });
}

function checkInterrupted(): void {
  if (interrupted) throw new UnlockError(`interrupted (${interrupted})`);
}

/** Runs grader/grading/cli.ts of `root` with `root` as working folder; resolves to its exit status. */
function runGrader(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  checkInterrupted();
  const register = pathToFileURL(join(root, 'grader/runtime/loader/register.mjs')).href;
  const child = spawn(process.execPath, ['--import', register, join(root, 'grader/grading/cli.ts'), ...args], { cwd: root, env, stdio: 'inherit' });
  running = child;
  return new Promise((resolvePromise) => {
    child.on('error', (error) => {
      console.error(`seqlab: could not start the grader: ${error.message}`);
      resolvePromise(2);
    });
    child.on('exit', (code, signal) => {
      running = undefined;
      resolvePromise(code ?? (signal ? 2 : 0));
    });
  });
}

/** The grader's environment: without the key (student code in the sandbox inherits it) and the npm wrapper's options. */
function graderEnv(): NodeJS.ProcessEnv {
  const { SEQLAB_GRADER_KEY: _key, SEQLAB_SUBMISSION: _submission, NODE_OPTIONS: _options, ...env } = process.env;
  return env;
}

/** The exercises an `--only` among the forwarded options names, if any. */
function onlyExercises(forwarded: readonly string[]): string[] | undefined {
  const index = forwarded.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index < 0) return undefined;
  const value = forwarded[index]!.startsWith('--only=') ? forwarded[index]!.slice('--only='.length) : forwarded[index + 1];
  return value?.split(',').map((id) => id.trim());
}

function integrityLines(integrity: IntegrityResult): string[] {
  const count = integrity.findings.length;
  return integrity.ok ? [] : [`seqlab: integrity check failed (${count} finding${count === 1 ? '' : 's'} above): protected files differ from the release, so this grade is flagged.`];
}

async function gradeWithKey(args: Arguments, plain: ReturnType<typeof readManifest>): Promise<number> {
  if (args.inProcess) throw new UnlockError('--in-process cannot be used with the grading key: student code must not run next to the hidden suites');
  const bundleFile = join(REPO_ROOT, BUNDLE_PATH);
  if (!existsSync(bundleFile)) throw new UnlockError(`${BUNDLE_PATH} is missing: restore it from the original repository (git checkout -- ${BUNDLE_PATH})`);
  const files = decryptBundle(readFileSync(bundleFile), args.key!, BUNDLE_PATH);
  const text = files[MANIFEST_PATH];
  if (typeof text !== 'string') throw new UnlockError(`${BUNDLE_PATH} holds no manifest: it was not made by the release builder`);
  const authentic = parseManifest(text, `the manifest inside ${BUNDLE_PATH}`);
  const checked = verifyIntegrity(REPO_ROOT, { protected: authentic.protected });
  const findings = [...(plain ? compareManifests(plain, authentic) : [`${MANIFEST_PATH}: missing or unreadable (protected file)`]), ...checked.findings];
  const integrity: IntegrityResult = { ok: findings.length === 0, findings };

  const mirror = mkdtempSync(join(tmpdir(), 'seqlab-mirror-'));
  try {
    chmodSync(mirror, 0o700);
    for (const [path, content] of Object.entries(files)) {
      if (path.startsWith('solutions/')) continue; // grading never needs them
      const target = join(mirror, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeFileSync(target, content, { mode: 0o600 });
    }
    const modules = join(REPO_ROOT, 'node_modules');
    if (!existsSync(modules)) throw new UnlockError('node_modules is missing: run `npm ci` first');
    symlinkSync(realpathSync(modules), join(mirror, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');
    const contextFile = join(mirror, '.release-context.json');
    writeReleaseContext(contextFile, { integrity });
    const graderArgs = ['grade', '--submission', resolve(args.submission), '--out', resolve(args.out), '--release-context', contextFile, ...args.forwarded];
    // The grader's own temporary folders (the sandbox, caches) go inside the mirror too, so that removing the
    // mirror removes them even when the grader was interrupted. The sandbox still reads only its own folder.
    const scratch = join(mirror, 'tmp');
    mkdirSync(scratch, { mode: 0o700 });
    const status = await runGrader(mirror, graderArgs, { ...graderEnv(), TMPDIR: scratch, TMP: scratch, TEMP: scratch });
    for (const line of integrityLines(integrity)) console.error(line);
    return status;
  } finally {
    rmSync(mirror, { recursive: true, force: true });
  }
}

async function gradeWithoutKey(args: Arguments, plain: NonNullable<ReturnType<typeof readManifest>>): Promise<number> {
  const integrity = verifyIntegrity(REPO_ROOT, plain);
  const context: ReleaseContext = { integrity, withheld: plain.hidden };
  const folder = mkdtempSync(join(tmpdir(), 'seqlab-context-'));
  try {
    const contextFile = join(folder, 'release-context.json');
    writeReleaseContext(contextFile, context);
    const graderArgs = ['grade', '--submission', resolve(args.submission), '--out', resolve(args.out), '--release-context', contextFile, ...args.forwarded];
    const status = await runGrader(REPO_ROOT, graderArgs, graderEnv());
    const only = onlyExercises(args.forwarded);
    const withheld = Object.entries(plain.hidden).flatMap(([id, tests]) => (!only || only.includes(id) ? tests : []));
    const points = withheld.reduce((sum, t) => sum + t.points, 0);
    console.log(`\nHidden tests: ${withheld.length} (${points} points) not run here — they run in CI, where the grading key is set.`);
    if (process.env.GITHUB_ACTIONS === 'true') {
      console.log('::warning title=Hidden tests not run::SEQLAB_GRADER_KEY is not set for this repository, so the hidden tests were skipped; ask your teacher.');
    }
    for (const line of integrityLines(integrity)) console.error(line);
    return status;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.helpGrader) return runGrader(REPO_ROOT, ['grade', '--help'], graderEnv());
  let plain: ReturnType<typeof readManifest>;
  try {
    plain = readManifest(REPO_ROOT);
  } catch (error) {
    if (!args.key) throw new UnlockError(`${(error as Error).message}; restore it from the original repository`);
    plain = undefined; // with the key the authentic copy inside the bundle decides, and reports this one
  }
  if (args.key) return gradeWithKey(args, plain);
  if (!plain) throw new UnlockError(`${MANIFEST_PATH} is missing: this folder is not a seqlab student release (in the course repository, run grader/grading/cli.ts)`);
  return gradeWithoutKey(args, plain);
}

try {
  const status = await main();
  process.exit(interrupted ? 130 : status);
} catch (error) {
  const known = error instanceof UnlockError || error instanceof BundleError;
  console.error(`seqlab: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}`);
  if (error instanceof UnlockError && /needs a value|internal/.test(error.message)) console.error(USAGE);
  process.exit(interrupted ? 130 : 2);
}
