/**
 * Where each exercise's files live, by its id: the one map of the course's layout. A check (the course's
 * self-test, grader/test/layout.test.ts) refuses a listed exercise with a missing file and a file or folder
 * named like an exercise that the manifest does not list. Adding exercise 18: create each of these files,
 * then add one line to grader/runtime/manifest.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COURSE, slugOf } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';

/** Every file an exercise must have, relative to the repository root. */
export function exerciseFiles(id: string): Record<string, string> {
  const slug = slugOf(id);
  return {
    stub: `exercises/${id}/${slug}.ts`,
    readme: `exercises/${id}/README.md`,
    hints: `exercises/${id}/hints.md`,
    publicTests: `exercises/${id}/${slug}.test.ts`,
    fixtures: `exercises/${id}/fixtures.json`,
    solution: `solutions/${id}/${slug}.ts`,
    reference: `reference/${id}.ts`,
    referenceTests: `reference/test/${id}.test.ts`,
    fixtureBuilder: `reference/fixtures/${id}.ts`,
    hiddenSuite: `grader/hidden/${id}.test.ts`,
    mutants: `grader/test/mutants/${id}.ts`,
  };
}

/** Folders that hold one entry per exercise, named by its id, beside their shared (non-exercise) entries. */
const PER_EXERCISE_FOLDERS: { dir: string; entry: (name: string) => string | undefined; shared: readonly string[] }[] = [
  { dir: 'exercises', entry: (name) => name, shared: ['shared'] },
  { dir: 'solutions', entry: (name) => name, shared: ['shared'] },
  { dir: 'reference', entry: (name) => name.split('.')[0], shared: ['backend.ts', 'convert.ts', 'generate-fixtures.ts', 'fixtures', 'test'] },
  { dir: 'reference/test', entry: (name) => name.split('.')[0], shared: ['central-difference.ts', 'helpers.ts'] },
  { dir: 'reference/fixtures', entry: (name) => name.replace(/\.ts$/, ''), shared: [] },
  { dir: 'grader/hidden', entry: (name) => name.replace(/\.test\.ts$/, ''), shared: ['seed.ts', 'setup.ts'] },
  { dir: 'grader/test/mutants', entry: (name) => name.replace(/\.ts$/, ''), shared: ['mutant.ts'] },
  // Only exercises with classic mistakes of their own have a file here, so it is not in exerciseFiles.
  { dir: 'grader/runtime/mistakes', entry: (name) => name.replace(/\.ts$/, ''), shared: ['shared.ts', 'fixture-mistakes.ts'] },
];

/** The per-exercise folders, for a test that copies the layout. */
export const PER_EXERCISE_DIRS: readonly string[] = PER_EXERCISE_FOLDERS.map((folder) => folder.dir);

/** What is wrong with the layout, one line each: missing files of listed exercises, unlisted exercises. */
export function layoutProblems(root = REPO_ROOT): string[] {
  const problems: string[] = [];
  for (const { id } of COURSE) {
    for (const [what, path] of Object.entries(exerciseFiles(id))) {
      if (!existsSync(join(root, path))) problems.push(`${id}: its ${what} ${path} is missing`);
    }
  }
  const listed = new Set(COURSE.map((e) => e.id));
  for (const { dir, entry, shared } of PER_EXERCISE_FOLDERS) {
    for (const name of readdirSync(join(root, dir))) {
      if (shared.includes(name)) continue;
      const id = entry(name);
      if (!id || !listed.has(id)) problems.push(`${dir}/${name} belongs to no exercise of grader/runtime/manifest.ts`);
    }
  }
  return problems;
}
