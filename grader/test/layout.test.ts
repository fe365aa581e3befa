/**
 * The layout is the contract (rustlings' `dev check`): every exercise of the manifest has every file, in the
 * same place, named by its id; nothing named like an exercise exists that the manifest does not list.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exerciseFiles, layoutProblems, PER_EXERCISE_DIRS } from '../authoring/layout.ts';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';

test('every listed exercise has every file and nothing unlisted exists', () => {
  expect(layoutProblems()).toEqual([]);
});

test('a missing file and an unlisted exercise are both named', () => {
  const root = mkdtempSync(join(tmpdir(), 'seqlab-layout-'));
  try {
    for (const dir of PER_EXERCISE_DIRS) cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
    const first = COURSE[0]!.id;
    rmSync(join(root, exerciseFiles(first).hints));
    writeFileSync(join(root, 'grader/hidden/99-extra.test.ts'), '');
    expect(layoutProblems(root)).toEqual([`${first}: its hints ${exerciseFiles(first).hints} is missing`, 'grader/hidden/99-extra.test.ts belongs to no exercise of grader/runtime/manifest.ts']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
