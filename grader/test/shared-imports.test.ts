/**
 * Which copy of shared/ each file imports. `npm run generate` copies solutions/shared/ twice
 * (grader/authoring/generate-stubs.ts): to exercises/shared/, which students may edit, and to
 * grader/runtime/shared/, which trusted code imports. Trusted code is every file outside exercises/ and
 * solutions/: the reference and its fixture builders, the hidden suites, the grader, the demos, the datasets'
 * scripts, the benchmarks. A value import of exercises/shared/ there would run a student's edit inside the
 * grader, outside the sandbox; solutions/shared/ is in neither a release's plain code nor its grading mirror.
 * The public tests (in exercises/) may take types from ../shared/: `import type` is erased at run time.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { TRUSTED_SHARED_DIR } from '../authoring/generate-stubs.ts';
import { codeFilesUnder, importsOf } from '../authoring/imports.ts';
import { REPO_ROOT } from '../runtime/paths.ts';

const NOT_TRUSTED = ['exercises', 'solutions', 'node_modules', 'coverage'];
const isPublicTest = (file: string): boolean => file.startsWith('exercises/') && file.endsWith('.test.ts');

/** Every code file outside exercises/ and solutions/, and the public tests, relative to `root`. */
function trustedFiles(root: string): string[] {
  const folders = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.') && !NOT_TRUSTED.includes(e.name));
  return [...folders.flatMap((e) => codeFilesUnder(e.name, root)), ...codeFilesUnder('exercises', root).filter(isPublicTest)].sort();
}

/** One line per import of a copy of shared/ that trusted code must not use. */
function sharedImportProblems(root = REPO_ROOT): string[] {
  const trusted = relative(REPO_ROOT, TRUSTED_SHARED_DIR);
  return trustedFiles(root).flatMap((file) =>
    importsOf(file, root)
      .filter(({ path, typeOnly }) => path.startsWith('solutions/shared/') || (path.startsWith('exercises/shared/') && !(typeOnly && isPublicTest(file))))
      .map(({ path, typeOnly }) => `${file} imports ${typeOnly ? 'types from ' : ''}${path}: import ${trusted}/ instead`),
  );
}

test('trusted code imports shared/ from grader/runtime/shared/ only', () => {
  expect(sharedImportProblems()).toEqual([]);
});

/** An import statement, built so that this file's text holds no `from '…'` that the import reader would take for its own. */
const importLine = (clause: string, specifier: string): string => `import ${clause} from '${specifier}';\n`;

test('the rule can fail: value and type imports of either other copy are named, a public test may take types', () => {
  const root = mkdtempSync(join(tmpdir(), 'seqlab-shared-imports-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  try {
    for (const name of ['linalg.ts', 'random.ts', 'types.ts']) for (const copy of ['exercises', 'solutions']) write(`${copy}/shared/${name}`, '');
    write('grader/hidden/01-rnn-forward.test.ts', importLine('{ transpose }', '../../exercises/shared/linalg.ts'));
    write('grader/runtime/mistakes.ts', importLine('type { Matrix }', '../../exercises/shared/types.ts'));
    // `import { type … }` still loads the module under verbatimModuleSyntax: a value import.
    write('demos/lib/batches.ts', importLine('{ type Uniform }', '../../exercises/shared/random.ts'));
    write('reference/07-char-lm.ts', importLine('{ seededUniform }', '../solutions/shared/random.ts'));
    write('exercises/01-rnn-forward/rnn-forward.test.ts', importLine('type {\n  Matrix,\n}', '../shared/types.ts'));
    write('exercises/02-bptt/bptt.test.ts', importLine('{ add }', '../shared/linalg.ts'));
    write('exercises/02-bptt/bptt.ts', importLine('{ add }', '../shared/linalg.ts')); // student code: theirs to import
    expect(sharedImportProblems(root)).toEqual([
      'demos/lib/batches.ts imports exercises/shared/random.ts: import grader/runtime/shared/ instead',
      'exercises/02-bptt/bptt.test.ts imports exercises/shared/linalg.ts: import grader/runtime/shared/ instead',
      'grader/hidden/01-rnn-forward.test.ts imports exercises/shared/linalg.ts: import grader/runtime/shared/ instead',
      'grader/runtime/mistakes.ts imports types from exercises/shared/types.ts: import grader/runtime/shared/ instead',
      'reference/07-char-lm.ts imports solutions/shared/random.ts: import grader/runtime/shared/ instead',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
