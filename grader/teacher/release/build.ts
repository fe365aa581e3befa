/**
 * `npm run release -- --out DIR [--key-out FILE] [--reuse-key] [--force]`: writes the student template.
 *
 * In DIR, in plain text: the exercises (stubs, READMEs, hints, public tests, fixtures, shared helpers),
 * datasets/ (data and loaders), demos/ with the reference's backend chooser they start (reference/backend.ts),
 * the grader runtime the public tests and `npm run grade` import, tsconfig.json, a Vitest config
 * running the public tests, the student README, .github/workflows/grade.yml, .gitignore, package.json with
 * the student scripts only and a fresh package-lock.json. Solutions, reference and hidden suites exist only
 * inside grader/bundle.enc (grader/grading/release/bundle.ts), together with a pristine copy of every release file
 * and of the integrity manifest, from which `npm run grade` builds its private mirror
 * (grader/grading/release/unlock.ts). grader/release-manifest.json holds the sha256 of every protected file and
 * the hidden tests' names and points. The key goes to FILE (default .seqlab/grader-key.txt), never into DIR.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createVitest } from 'vitest/node';
import ts from 'typescript';
import { audienceOf, SHIPPED_FOLDERS } from '../../authoring/audiences.ts';
import { COURSE, slugOf } from '../../runtime/manifest.ts';
import { REPO_ROOT } from '../../runtime/paths.ts';
import { classifyTestFile } from '../../grading/report.ts';
import { decryptBundle, encryptBundle, generateKey, parseKey, type BundleFiles } from '../../grading/release/bundle.ts';
import { HIDDEN_VISIBILITIES, type HiddenVisibility } from '../../grading/formats/gradescope.ts';
import { writeClassroom50Autograder, writeGradescopeZip } from './autograders.ts';
import { STUDENT_PACKAGES } from './student-packages.ts';
import { BUNDLE_PATH, digest, hashFiles, listFiles, MANIFEST_PATH, type HiddenTest, type ReleaseManifest } from '../../grading/release/integrity.ts';

const USAGE = `usage: npm run release -- --out DIR [--key-out FILE] [--reuse-key] [--force] [--gradescope ZIP] [--classroom50 DIR]
  --out DIR        where the student template goes (outside the course repository, or under .seqlab/)
  --key-out FILE   where the grading key goes (default: .seqlab/grader-key.txt; never inside DIR)
  --reuse-key      encrypt with the key already in FILE (keeps the SEQLAB_GRADER_KEY secret unchanged)
  --force          DIR may hold an older release: everything in it except .git is replaced
  --gradescope ZIP also write a Gradescope autograder zip (hidden suites in plain text: keep it with the course staff)
  --gradescope-hidden after_published|after_due_date
                   when Gradescope shows students the hidden tests (default after_published)
  --classroom50 DIR
                   also write a Classroom 50 autograder into DIR (empty or new), to copy to
                   CLASSROOM/autograders/ASSIGNMENT/ of the classroom repository (its hidden suites are public by obscurity)`;

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

/** Folders whose files go into the encrypted bundle only. */
export const SECRET_ROOTS = ['solutions/', 'reference/', 'grader/hidden/'] as const;

/** Scripts of the course's package.json that students do not get (with any script whose files are not released). */
const TEACHER_SCRIPTS = new Set(['release', 'generate', 'fixtures', 'bench', 'collect', 'regrade', 'check:seeds']);

/**
 * A release installs the packages its code imports (released files, and the hidden suites with the
 * reference files they reach), the packages the student docs offer (./student-packages.ts), plus these
 * tools, which no import names: tsx (the loader of
 * grader/runtime/loader/register.mjs) and @types/node (tsconfig.json's types). Everything else the course lists
 * (tfjs-layers and coverage for its self-test, tools of the teacher's commands) stays out.
 */
const TOOL_PACKAGES = new Set(['tsx', '@types/node', 'typescript', 'vitest']);

/**
 * Imported, yet not installed: the optional native tfjs-node downloads libtensorflow at install time,
 * which would slow every CI run; reference/backend.ts then starts the wasm backend, which grades with the
 * same tolerances.
 */
const SKIPPED_PACKAGES = new Set(['@tensorflow/tfjs-node']);

/** Where the grader loads the reference from by path (grader/grading/reference-backend.ts), besides the hidden suites' imports. */
const GRADING_ENTRY_POINTS = ['reference/backend.ts'];

/**
 * The one reference file a release also ships in plain text: the backend chooser holds no answer, and the
 * demos (released so that students can run them, with `--student` on their own functions) start their
 * TensorFlow.js backend through it.
 */
export const PLAIN_REFERENCE = ['reference/backend.ts'];

/** Course files that never go into a release: the course's own tests, and the scripts that write the datasets. */
const TEACHER_ONLY_PATHS = [/^(datasets|demos)\/test\//, /^datasets\/(scripts|build)\//];

/** Release files a student may edit: the README and .gitignore, exercise READMEs, hints, stubs and shared helpers. */
function isProtected(path: string): boolean {
  if (path === 'README.md' || path === '.gitignore') return false;
  if (path.startsWith('exercises/')) return /\.(test|spec)\.ts$/.test(path) || path.endsWith('.json');
  return true;
}

const LOCKFILE = 'package-lock.json';

interface CoursePackage {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  type?: string;
  engines?: Record<string, string>;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

export interface BuildOptions {
  out: string;
  keyOut: string;
  reuseKey?: boolean;
  force?: boolean;
  /** Also write a Gradescope autograder zip here (grader/teacher/release/autograders.ts). */
  gradescope?: string;
  gradescopeHidden?: HiddenVisibility;
  /** Also write a Classroom 50 autograder into this folder. */
  classroom50?: string;
  /** Progress lines (default: console.log). */
  log?: (line: string) => void;
}

export interface BuildResult {
  out: string;
  keyFile: string;
  gradescope?: string;
  classroom50?: string;
  files: string[];
  protectedFiles: number;
  bundleBytes: number;
  hiddenTests: number;
}

const readText = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');
const courseFiles = (dir: string): string[] => listFiles(REPO_ROOT, dir).filter((p) => !p.split('/').some((part) => part.startsWith('.')));
const releasedCourseFiles = (dir: string): string[] => courseFiles(dir).filter((p) => !TEACHER_ONLY_PATHS.some((re) => re.test(p)));
const isInside = (child: string, parent: string): boolean => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

export async function buildRelease(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const out = resolve(options.out);
  const keyFile = resolve(options.keyOut);
  const gradescope = options.gradescope === undefined ? undefined : resolve(options.gradescope);
  const classroom50 = options.classroom50 === undefined ? undefined : resolve(options.classroom50);
  checkDestinations(out, keyFile);
  checkAutograderDestinations(out, { '--gradescope': gradescope, '--classroom50': classroom50 });
  if (classroom50 && existsSync(classroom50) && readdirSync(classroom50).length) throw new ReleaseError(`--classroom50 ${classroom50} is not empty`);
  const hiddenVisibility = options.gradescopeHidden ?? 'after_published';
  if (!HIDDEN_VISIBILITIES.includes(hiddenVisibility)) throw new ReleaseError(`--gradescope-hidden must be ${HIDDEN_VISIBILITIES.join(' or ')}, got '${hiddenVisibility}'`);
  if (options.reuseKey && !existsSync(keyFile)) throw new ReleaseError(`--reuse-key: there is no key in ${keyFile}`);
  prepareOut(out, options.force ?? false);

  const course = JSON.parse(readText('package.json')) as CoursePackage;
  const files = new Map<string, string | Buffer>();
  for (const path of [...courseFiles('exercises'), ...releasedCourseFiles('datasets')]) files.set(path, readFileSync(join(REPO_ROOT, path)));
  for (const path of releasedCode()) files.set(path, readFileSync(join(REPO_ROOT, path)));
  files.set('tsconfig.json', readText('tsconfig.json'));
  files.set('vitest.config.ts', VITEST_CONFIG);
  const studentPackage = releasePackage(course, new Set(files.keys()));
  files.set('package.json', `${JSON.stringify(studentPackage, null, 2)}\n`);
  files.set('README.md', studentReadme(course, studentPackage.scripts));
  files.set('.gitignore', 'node_modules/\n.seqlab/\ncoverage/\n');
  files.set('.github/workflows/grade.yml', fillTemplate(readText('grader/teacher/release/grade-workflow.template.yml'), {}));
  for (const [path, content] of files) writeReleaseFile(out, path, content);
  log(`wrote ${files.size} files to ${out}`);

  log('resolving package-lock.json (npm install --package-lock-only) …');
  files.set(LOCKFILE, makeLockfile(out));

  log('listing the hidden tests …');
  const hidden = await hiddenTests();
  const hiddenCount = Object.values(hidden).reduce((n, tests) => n + tests.length, 0);

  const protectedPaths = [...files.keys()].filter(isProtected);
  const manifest: ReleaseManifest = {
    schemaVersion: 1,
    course: course.name,
    version: course.version,
    builtAt: new Date().toISOString(),
    protected: hashFiles(out, protectedPaths),
    hidden,
  };
  const replacing = !options.reuseKey && existsSync(keyFile);
  const key = options.reuseKey ? readKey(keyFile) : generateKey();
  const bundled: BundleFiles = Object.fromEntries([...files].map(([path, content]) => [path, asText(content)]));
  bundled[MANIFEST_PATH] = `${JSON.stringify(manifest, null, 2)}\n`;
  for (const path of SECRET_ROOTS.flatMap((root) => courseFiles(root.slice(0, -1)))) bundled[path] = readText(path);
  const bundle = encryptBundle(bundled, key);
  // The bundle must open with the key we are about to hand out, and hold what we put in.
  const reopened = decryptBundle(bundle, key);
  if (Object.keys(reopened).length !== Object.keys(bundled).length) throw new ReleaseError('the bundle did not survive a round trip');
  writeReleaseFile(out, BUNDLE_PATH, bundle);
  writeReleaseFile(out, MANIFEST_PATH, `${JSON.stringify({ ...manifest, bundleSha256: digest(bundle) }, null, 2)}\n`);

  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  const released = listFiles(out);
  const leaked = released.filter((path) => readFileSync(join(out, path), 'latin1').includes(key));
  if (leaked.length) throw new ReleaseError(`the key ended up in ${leaked.join(', ')}`);

  const secretCount = Object.keys(bundled).filter((p) => SECRET_ROOTS.some((root) => p.startsWith(root))).length;
  log(`bundle: ${secretCount} solution, reference and hidden-suite files + ${files.size} release files, ${bundle.length} bytes (AES-256-GCM)`);
  log(`manifest: ${protectedPaths.length} protected files, ${hiddenCount} hidden tests`);
  log(`key: ${keyFile}${options.reuseKey ? ' (reused)' : replacing ? ' (a new key replaced the previous one: update the secret)' : ''}`);
  log('store it as the Actions secret SEQLAB_GRADER_KEY of the student repositories; never commit it');
  // The autograders' grading copy: what a release's private mirror holds (no solutions, no bundle, no key).
  const kit = Object.fromEntries(Object.entries(bundled).filter(([path]) => !path.startsWith('solutions/')));
  if (gradescope) {
    const bytes = writeGradescopeZip(kit, gradescope, hiddenVisibility);
    log(`Gradescope autograder: ${gradescope} (${bytes} bytes; hidden tests visible ${hiddenVisibility}; it holds them in plain text: keep it with the course staff)`);
  }
  if (classroom50) {
    writeClassroom50Autograder(kit, classroom50);
    log(`Classroom 50 autograder: ${classroom50} (copy it to CLASSROOM/autograders/ASSIGNMENT/; its hidden tests are public by obscurity there)`);
  }
  return { out, keyFile, gradescope, classroom50, files: released, protectedFiles: protectedPaths.length, bundleBytes: bundle.length, hiddenTests: hiddenCount };
}

function checkDestinations(out: string, keyFile: string): void {
  if (isInside(REPO_ROOT, out)) throw new ReleaseError(`--out ${out} holds the course repository itself`);
  if (isInside(out, REPO_ROOT) && !isInside(out, join(REPO_ROOT, '.seqlab'))) {
    throw new ReleaseError(`--out ${out} is inside the course repository: build the release elsewhere (or under .seqlab/)`);
  }
  if (isInside(keyFile, out)) throw new ReleaseError(`--key-out ${keyFile} is inside the release folder ${out}: the key must never be part of the release`);
}

/** The autograders hold the hidden suites in plain text: never inside the release, nor committed with the course. */
function checkAutograderDestinations(out: string, destinations: Record<string, string | undefined>): void {
  for (const [option, path] of Object.entries(destinations)) {
    if (!path) continue;
    if (isInside(path, out) || isInside(out, path)) throw new ReleaseError(`${option} ${path} overlaps the release folder ${out}: the hidden suites must never be part of the release`);
    if (isInside(REPO_ROOT, path) || (isInside(path, REPO_ROOT) && !isInside(path, join(REPO_ROOT, '.seqlab')))) {
      throw new ReleaseError(`${option} ${path} is inside the course repository: write it elsewhere (or under .seqlab/)`);
    }
  }
}

function prepareOut(out: string, force: boolean): void {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new ReleaseError(`--out ${out} exists and is not a folder`);
    const entries = readdirSync(out).filter((name) => name !== '.git');
    if (entries.length && !force) throw new ReleaseError(`--out ${out} is not empty (add --force to replace an older release; .git is kept)`);
    for (const name of entries) rmSync(join(out, name), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

function writeReleaseFile(out: string, path: string, content: string | Uint8Array): void {
  const target = join(out, ...path.split('/'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}

/** Text stays text in the bundle (compact, readable after decryption); only other bytes become base64. */
function asText(content: string | Buffer): string | Uint8Array {
  if (typeof content === 'string') return content;
  const text = content.toString('utf8');
  return !content.includes(0) && Buffer.from(text, 'utf8').equals(content) ? text : new Uint8Array(content);
}

function readKey(file: string): string {
  const key = readFileSync(file, 'utf8').trim();
  parseKey(key);
  return key;
}

/** Imports of a TypeScript or JavaScript file (static, type-only, re-exports, side effects, literal dynamic ones). */
export function imports(source: string): { relative: string[]; packages: string[] } {
  const names = new Set(ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName));
  const relativeNames = [...names].filter((name) => /^\.{1,2}\//.test(name));
  const packages = [...names]
    .filter((name) => !/^\.{0,2}\//.test(name) && !name.startsWith('node:') && !isBuiltin(name))
    .map((name) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'));
  return { relative: relativeNames, packages: [...new Set(packages)] };
}

const isCode = (path: string): boolean => /\.(ts|mts|mjs|js)$/.test(path);
const resolveImport = (from: string, specifier: string): string => relative(REPO_ROOT, resolve(REPO_ROOT, dirname(from), specifier)).split(sep).join('/');

/** Packages that the released code and the grading part of the bundle (hidden suites and what they reach) import. */
export function importedPackages(released: readonly string[]): Map<string, string> {
  const firstImporter = new Map<string, string>();
  const seen = new Set<string>();
  const pending = [...released.filter(isCode), ...courseFiles('grader/hidden').filter(isCode), ...GRADING_ENTRY_POINTS];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file) || !existsSync(join(REPO_ROOT, file))) continue;
    seen.add(file);
    const found = imports(readText(file));
    for (const name of found.packages) if (!firstImporter.has(name)) firstImporter.set(name, file);
    for (const specifier of found.relative) {
      const target = resolveImport(file, specifier);
      if (SECRET_ROOTS.some((root) => target.startsWith(root)) && isCode(target)) pending.push(target);
    }
  }
  return firstImporter;
}

/**
 * The code a release ships: the shipped folders of grader/ (runtime, grading, sandbox, student: see
 * grader/authoring/audiences.ts), the demos and the plain reference files. Every relative import of a released file
 * must resolve inside the release, and none may reach the encrypted part statically.
 */
export function releasedCode(): string[] {
  const grader = courseFiles('grader').filter((p) => SHIPPED_FOLDERS.some((folder) => p.startsWith(folder)));
  const released = new Set([...grader, ...releasedCourseFiles('demos'), ...PLAIN_REFERENCE]);
  const problems: string[] = [];
  for (const file of [...released].filter(isCode)) {
    for (const specifier of imports(readText(file)).relative) {
      const target = resolveImport(file, specifier);
      if (PLAIN_REFERENCE.includes(target)) continue;
      if (SECRET_ROOTS.some((root) => target.startsWith(root))) {
        problems.push(`${file} imports ${target}, which a release keeps encrypted (import it by path at run time, as grader/grading/reference-backend.ts does)`);
      } else if (target.startsWith('grader/')) {
        if (!released.has(target)) problems.push(`${file} imports ${target}, which is not part of a release (${audienceOf(target) ?? 'no'} audience)`);
      } else if (TEACHER_ONLY_PATHS.some((re) => re.test(target))) {
        problems.push(`${file} imports ${target}, which stays with the teacher`);
      } else if (!/^(exercises|datasets|demos|node_modules)\//.test(target) && target !== 'package.json') {
        problems.push(`${file} imports ${target}, outside what a release contains`);
      }
    }
  }
  if (problems.length) throw new ReleaseError(`the released code is not self-contained:\n  ${problems.join('\n  ')}`);
  return [...released].sort();
}

/** `npm test` and `npx vitest` in the release: the public tests, with the student report. */
const VITEST_CONFIG = `// \`npm test\` (and \`npx vitest\`, editor integrations): the public tests of every exercise, on exercises/.
export { default } from './grader/student/exercises.config.ts';
`;

const UNLOCK = 'node --import ./grader/runtime/loader/register.mjs grader/grading/release/unlock.ts';

/** Paths a script names (`grader/student/hint.ts`, `./grader/runtime/loader/register.mjs`). */
const scriptFiles = (command: string): string[] => [...command.matchAll(/(?:\.\/)?([\w.-]+(?:\/[\w.-]+)+\.(?:ts|mjs|js))/g)].map((m) => m[1]!);

export function releasePackage(course: CoursePackage, released: ReadonlySet<string>): CoursePackage {
  const imported = importedPackages([...released]);
  const declared = new Set([...Object.keys(course.dependencies ?? {}), ...Object.keys(course.optionalDependencies ?? {}), ...Object.keys(course.devDependencies ?? {})]);
  const undeclared = [...imported].filter(([name]) => !declared.has(name)).map(([name, file]) => `${name} (${file})`);
  undeclared.push(...STUDENT_PACKAGES.filter((name) => !declared.has(name)).map((name) => `${name} (grader/teacher/release/student-packages.ts)`));
  if (undeclared.length) throw new ReleaseError(`imported or promised but not in package.json: ${undeclared.join(', ')}`);
  const used = (name: string) => (imported.has(name) || STUDENT_PACKAGES.includes(name) || TOOL_PACKAGES.has(name)) && !SKIPPED_PACKAGES.has(name);
  // A package's type declarations come along with it (@types/cli-progress with cli-progress).
  const needed = (name: string) => used(name) || (name.startsWith('@types/') && used(name.slice('@types/'.length)));
  const scripts: Record<string, string> = {};
  for (const [name, command] of Object.entries(course.scripts)) {
    if (TEACHER_SCRIPTS.has(name)) continue;
    if (scriptFiles(command).some((file) => !released.has(file))) continue; // a tool whose files stay with the teacher
    scripts[name] = command;
  }
  // The course's `test` is its self-test; a student's is the public tests. `grade` goes through the bundle.
  scripts.test = 'vitest run';
  scripts.grade = UNLOCK;
  const keep = (deps: Record<string, string> | undefined) => {
    const kept = Object.entries(deps ?? {}).filter(([name]) => needed(name));
    return kept.length ? Object.fromEntries(kept) : undefined;
  };
  const dependencies = keep(course.dependencies);
  const optionalDependencies = keep(course.optionalDependencies);
  const devDependencies = keep(course.devDependencies);
  const installed = new Set([...Object.keys(dependencies ?? {}), ...Object.keys(optionalDependencies ?? {}), ...Object.keys(devDependencies ?? {})]);
  const allowScripts = Object.fromEntries(Object.entries(course.allowScripts ?? {}).filter(([name]) => !declared.has(name) || installed.has(name)));
  return {
    name: `${course.name}-student`,
    version: course.version,
    private: true,
    description: course.description,
    type: 'module',
    engines: course.engines,
    scripts,
    ...(dependencies && { dependencies }),
    ...(optionalDependencies && { optionalDependencies }),
    ...(devDependencies && { devDependencies }),
    ...(Object.keys(allowScripts).length && installed.size ? { allowScripts } : {}),
  };
}

/** `{{name}}` placeholders (no spaces, so GitHub's `${{ … }}` expressions pass through) and `{{#script name}}…{{/script}}` blocks. */
export function fillTemplate(template: string, values: Record<string, string>, scripts: Record<string, string> = {}): string {
  const withBlocks = template.replace(/^\{\{#script ([\w:-]+)\}\}\n([\s\S]*?)^\{\{\/script\}\}\n/gm, (_all, name: string, body: string) => (name in scripts ? body : ''));
  return withBlocks.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => {
    const value = values[name];
    if (value === undefined) throw new ReleaseError(`template placeholder {{${name}}} has no value`);
    return value;
  });
}

function studentReadme(course: CoursePackage, scripts: Record<string, string>): string {
  const exercises = COURSE.map((e) => `| ${e.id.slice(0, 2)} | \`${e.id}\` — ${e.title} | ${e.functions.map((f) => `\`${f}\``).join(', ')} | ${e.points} |`);
  return fillTemplate(
    readText('grader/teacher/release/student-readme.template.md'),
    {
      course: course.name,
      description: course.description ?? '',
      exercises: exercises.join('\n'),
      totalPoints: String(COURSE.reduce((sum, e) => sum + e.points, 0)),
      node: (course.engines?.node ?? '>=20').replace(/^>=\s*/, '') + ' or newer',
      firstExercise: COURSE[0]!.id,
      firstSlug: slugOf(COURSE[0]!.id),
    },
    scripts,
  );
}

/** The environment of a child npm: without the variables of the npm or Vitest process that runs us. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_OPTIONS$|SEQLAB_)/i.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

function makeLockfile(out: string): string {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: out,
    env: cleanEnv(),
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0 || !existsSync(join(out, LOCKFILE))) {
    throw new ReleaseError(`npm install --package-lock-only failed in ${out} (status ${run.status}):\n${run.stderr || run.error?.message || ''}`);
  }
  return readFileSync(join(out, LOCKFILE), 'utf8');
}

/** Collects (without running) the course's graded suites: the hidden tests' names and points, per exercise. */
async function hiddenTests(): Promise<Record<string, HiddenTest[]>> {
  const announced = process.env.SEQLAB_BACKEND_ANNOUNCED;
  process.env.SEQLAB_BACKEND_ANNOUNCED = 'not needed to list tests'; // no backend start in globalSetup
  const vitest = await createVitest('test', {
    config: join(REPO_ROOT, 'grader/grading/grading.config.ts'),
    root: REPO_ROOT,
    watch: false,
    reporters: [{}],
    silent: true,
  });
  try {
    const { testModules } = await vitest.collect();
    const hidden: Record<string, HiddenTest[]> = Object.fromEntries(COURSE.map((e) => [e.id, []]));
    const points: Record<string, number> = Object.fromEntries(COURSE.map((e) => [e.id, 0]));
    const problems: string[] = [];
    for (const module of [...testModules].sort((a, b) => a.moduleId.localeCompare(b.moduleId))) {
      const owner = classifyTestFile(module.moduleId);
      const errors = module.errors();
      if (errors.length) problems.push(`${relative(REPO_ROOT, module.moduleId)}: ${errors[0]!.message}`);
      if (!owner) continue;
      for (const test of module.children.allTests()) {
        const value = test.meta().points ?? 0;
        points[owner.id] = (points[owner.id] ?? 0) + value;
        if (owner.hidden) hidden[owner.id]!.push({ name: test.fullName, points: value });
      }
    }
    for (const spec of COURSE) {
      if (points[spec.id] !== spec.points) problems.push(`${spec.id}: its suites hold ${points[spec.id]} points, the manifest says ${spec.points}`);
    }
    if (problems.length) throw new ReleaseError(`the graded suites are not ready for a release:\n  ${problems.join('\n  ')}`);
    return hidden;
  } finally {
    await vitest.close();
    if (announced === undefined) delete process.env.SEQLAB_BACKEND_ANNOUNCED;
    else process.env.SEQLAB_BACKEND_ANNOUNCED = announced;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      out: { type: 'string' },
      'key-out': { type: 'string', default: join(REPO_ROOT, '.seqlab', 'grader-key.txt') },
      'reuse-key': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      gradescope: { type: 'string' },
      'gradescope-hidden': { type: 'string', default: 'after_published' },
      classroom50: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out) throw new ReleaseError('--out DIR is required');
  const keyOut = isAbsolute(values['key-out']) ? values['key-out'] : resolve(values['key-out']);
  const started = performance.now();
  await buildRelease({
    out: values.out,
    keyOut,
    reuseKey: values['reuse-key'],
    force: values.force,
    gradescope: values.gradescope,
    gradescopeHidden: values['gradescope-hidden'] as HiddenVisibility,
    classroom50: values.classroom50,
  });
  console.log(`release built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await main();
    process.exit(0); // Vitest's collection can leave handles open
  } catch (error) {
    const known = error instanceof ReleaseError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`seqlab release: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}`);
    if (known) console.error(USAGE);
    process.exit(2);
  }
}
