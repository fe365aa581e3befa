/**
 * Builds the folder a sandboxed process may read: the submission transpiled from TypeScript to plain ES
 * modules (in the trusted grader, so the restricted process needs no loader, cache or worker), the child
 * runner, and a link to node_modules for the libraries students may import (mathjs, …).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../paths.ts';

export interface SandboxFolder {
  root: string;
  /** Where the transpiled submission lives: `<submission>/<id>/<slug>.js`. */
  submission: string;
  /** The child runner's entry point. */
  runner: string;
  /** Folders the child may read. */
  readable: string[];
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  // './x.ts' → './x.js' in relative imports, as the folder holds only .js files.
  rewriteRelativeImportExtensions: true,
};

/** TypeScript → JavaScript; a file with syntax errors becomes a module that throws them at import. */
export function transpile(source: string, fileName: string): string {
  const { outputText, diagnostics = [] } = ts.transpileModule(source, { fileName, reportDiagnostics: true, compilerOptions: COMPILER_OPTIONS });
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return outputText;
  const text = errors.map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const position = where ? `:${where.line + 1}:${where.character + 1}` : '';
    return `${basename(fileName)}${position}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
  return `throw new SyntaxError(${JSON.stringify(text.join('; '))});\n`;
}

function transpileTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(join(to, entry.name), { recursive: true });
      transpileTree(source, join(to, entry.name));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      writeFileSync(join(to, entry.name.replace(/\.ts$/, '.js')), transpile(readFileSync(source, 'utf8'), source));
    } else if (entry.name.endsWith('.json')) {
      cpSync(source, join(to, entry.name));
    }
  }
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
const RUNNER_FILES = ['grader/sandbox/child.ts', 'grader/sandbox/protocol.ts', 'grader/purity.ts'];

export function prepareSandbox(submissionDir: string): SandboxFolder {
  const root = mkdtempSync(join(tmpdir(), 'seqlab-sandbox-'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  const submission = join(root, 'submission');
  mkdirSync(submission);
  transpileTree(submissionDir, submission);
  for (const file of RUNNER_FILES) {
    const target = join(root, 'runner', file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, transpile(readFileSync(join(REPO_ROOT, file), 'utf8'), file));
  }
  symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(root, 'node_modules'), 'dir');
  return sandboxFolderAt(root);
}

/** The folder prepareSandbox made at `root` (workers receive only its path). */
export function sandboxFolderAt(root: string): SandboxFolder {
  return {
    root,
    submission: join(root, 'submission'),
    runner: join(root, 'runner', 'grader/sandbox/child.js'),
    readable: [realpathSync(root), realpathSync(join(REPO_ROOT, 'node_modules'))],
  };
}
