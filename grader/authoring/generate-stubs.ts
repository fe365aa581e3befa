/**
 * Writes exercises/<id>/<file>.ts from solutions/<id>/<file>.ts, and copies solutions/shared/ verbatim twice:
 * to exercises/shared/, the students' to edit, and to grader/runtime/shared/, the one trusted code imports.
 * `npm run generate` runs it; the self-test fails when either is stale.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../runtime/paths.ts';
import { stubFromSolution } from '../runtime/stubs.ts';

export const SOLUTIONS_DIR = join(REPO_ROOT, 'solutions');
export const EXERCISES_DIR = join(REPO_ROOT, 'exercises');
/**
 * The shared helpers for trusted code: the reference, the hidden suites, the grader's runtime and the demos.
 * Not exercises/shared/: a student may change it, and a grader that ran it would compute what they chose.
 * Not solutions/shared/: a release ships the runtime and the demos in plain text, which cannot import the
 * encrypted solutions/, and leaves solutions/ out of its grading mirror. This copy ships, protected.
 * grader/test/shared-imports.test.ts holds trusted code to it.
 */
export const TRUSTED_SHARED_DIR = join(REPO_ROOT, 'grader/runtime/shared');
const SHARED_SOURCE_DIR = join(SOLUTIONS_DIR, 'shared');

/** Every file generated into exercises/, as exercises-relative path → content. */
export function generatedStubs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(SOLUTIONS_DIR, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const source = readFileSync(join(SOLUTIONS_DIR, entry), 'utf8');
    files.set(entry, stubFromSolution(source, relative(REPO_ROOT, join(SOLUTIONS_DIR, entry))));
  }
  return files;
}

/** solutions/shared/ verbatim, as TRUSTED_SHARED_DIR-relative path → content. */
export function trustedShared(): Map<string, string> {
  const names = readdirSync(SHARED_SOURCE_DIR).filter((name) => name.endsWith('.ts'));
  return new Map(names.map((name) => [name, readFileSync(join(SHARED_SOURCE_DIR, name), 'utf8')]));
}

function main(): void {
  for (const [dir, files] of [[EXERCISES_DIR, generatedStubs()], [TRUSTED_SHARED_DIR, trustedShared()]] as const) {
    for (const [path, content] of files) {
      const target = join(dir, path);
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, content);
      console.log(`wrote ${relative(REPO_ROOT, target)}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) main();
