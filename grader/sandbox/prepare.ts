/**
 * Builds the folder a sandboxed process may read: the submission transpiled from TypeScript to plain ES
 * modules (in the trusted grader, so the restricted process needs no loader, cache or worker) and the child
 * runner. The folder lives inside node_modules (`node_modules/.seqlab-sandboxes/<run>/`), so that the
 * student's `import … from 'mathjs'` resolves by Node's ordinary lookup without any symbolic link: a link
 * under an allowed folder would let Node's permission model, which checks paths on paper, be walked around.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { basename } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../runtime/paths.ts';
import { readSubmission } from './intake.ts';

export interface SandboxFolder {
  root: string;
  /** Where the transpiled submission lives: `<submission>/<id>/<slug>.js`. */
  submission: string;
  /** The child runner's entry point. */
  runner: string;
  /** The real node_modules folder, and the entries of it the child may read (every package, no dot-folder). */
  modules: { root: string; entries: string[] };
}

export interface PreparedSandbox extends SandboxFolder {
  /** What the intake refused (links, special files, caps): integrity findings of the report. */
  findings: string[];
}

/** Where every grading run's sandbox folder goes; hidden from the student code of the others. */
const SANDBOXES_DIR = '.seqlab-sandboxes';
/** A sandbox folder older than this belongs to a grader that was killed: removed by the next run. */
const STALE_MS = 24 * 3600 * 1000;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  // './x.ts' → './x.js' in relative imports, as the folder holds only .js files.
  rewriteRelativeImportExtensions: true,
};

const throwing = (error: ErrorConstructor['name'], message: string): string => `throw new ${error}(${JSON.stringify(message)});\n`;

/**
 * TypeScript → JavaScript; a file with syntax errors becomes a module that throws them at import, and so does
 * a file the compiler itself fails on (50 000 nested parentheses overflow its stack): one exercise's load
 * error, never the grader's crash.
 */
export function transpile(source: string, fileName: string): string {
  let output: ts.TranspileOutput;
  try {
    output = ts.transpileModule(source, { fileName, reportDiagnostics: true, compilerOptions: COMPILER_OPTIONS });
  } catch (error) {
    return throwing('SyntaxError', `${basename(fileName)} could not be compiled: ${(error as Error).message}`);
  }
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return output.outputText;
  const text = errors.map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const position = where ? `:${where.line + 1}:${where.character + 1}` : '';
    return `${basename(fileName)}${position}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
  return throwing('SyntaxError', text.join('; '));
}

/**
 * A message about the transpiled copy, with the student's own file names instead (`<sandbox>/submission/<id>/<slug>.js`
 * → `<submission>/<id>/<slug>.ts`): the copy's temporary folder, nested in the release's private mirror, means
 * nothing to the student.
 */
export function studentPaths(text: string, folder: Pick<SandboxFolder, 'submission'>, submission: string): string {
  const copy = folder.submission.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The message comes from student code: bounded first (reports keep 2000 characters) so that no message makes
  // the rewrite slow.
  return text
    .slice(0, 8192)
    .replace(new RegExp(`(?:file://)?${copy}/([^\\s'"\`:]+)\\.js\\b`, 'g'), (_all, path: string) => `${submission}/${path}.ts`)
    .replace(new RegExp(`(?:file://)?${copy}\\b`, 'g'), submission);
}

/** The runner and what it imports, transpiled next to each other as in the repository. */
const RUNNER_FILES = ['grader/sandbox/child.ts', 'grader/sandbox/protocol.ts', 'grader/runtime/purity.ts'];

/** Writes a file readable by the unprivileged user the child runs as when the grader is root. */
function writePublic(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  writeFileSync(path, content, { mode: 0o644 });
}

function removeStaleSandboxes(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another grader removed it first.
    }
  }
}

function nodeModulesRoot(): string {
  const modules = join(REPO_ROOT, 'node_modules');
  if (!existsSync(modules)) throw new Error(`${modules} is missing: run \`npm ci\` first`);
  return realpathSync(modules);
}

export function prepareSandbox(submissionDir: string): PreparedSandbox {
  const modules = nodeModulesRoot();
  const parent = join(modules, SANDBOXES_DIR);
  mkdirSync(parent, { recursive: true, mode: 0o711 });
  removeStaleSandboxes(parent);
  const root = mkdtempSync(join(parent, 'run-'));
  chmodSync(root, 0o755);
  writePublic(join(root, 'package.json'), '{ "type": "module" }\n');
  const intake = readSubmission(submissionDir);
  const submission = join(root, 'submission');
  mkdirSync(submission, { mode: 0o755 });
  for (const folder of intake.folders) mkdirSync(join(submission, folder), { recursive: true, mode: 0o755 });
  for (const file of intake.files) {
    const target = join(submission, ...file.path.split('/'));
    if (file.path.endsWith('.json')) writePublic(target, file.content);
    else writePublic(target.replace(/\.ts$/, '.js'), transpile(file.content.toString('utf8'), file.path));
  }
  for (const file of RUNNER_FILES) {
    writePublic(join(root, 'runner', file.replace(/\.ts$/, '.js')), transpile(readFileSync(join(REPO_ROOT, file), 'utf8'), file));
  }
  return { ...sandboxFolderAt(root), findings: intake.findings };
}

/** The description of the folder prepareSandbox made at `root`. */
function sandboxFolderAt(root: string): SandboxFolder {
  const modules = nodeModulesRoot();
  return {
    root,
    submission: join(root, 'submission'),
    runner: join(root, 'runner', 'grader/sandbox/child.js'),
    modules: { root: modules, entries: readdirSync(modules).filter((name) => !name.startsWith('.')).sort() },
  };
}
