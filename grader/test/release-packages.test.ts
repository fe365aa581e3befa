/**
 * The packages the student docs promise are the ones the release installs for that reason
 * (grader/teacher/release/student-packages.ts): a package named in an exercise README or a shared helper's comments,
 * and imported by no exercise file, is such a promise. (release.slow.test.ts imports each in a built release.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../runtime/paths.ts';
import { imports } from '../teacher/release/build.ts';
import { listFiles } from '../grading/release/integrity.ts';
import { STUDENT_PACKAGES } from '../teacher/release/student-packages.ts';

test('every package the student docs offer, and only those, is in the list the release installs', () => {
  const course = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const packages = Object.keys({ ...course.dependencies, ...course.optionalDependencies, ...course.devDependencies });
  const docs = listFiles(REPO_ROOT, 'exercises').filter((p) => /\.(md|ts)$/.test(p) && !p.endsWith('.test.ts'));
  const text = docs.map((p) => readFileSync(join(REPO_ROOT, p), 'utf8'));
  const imported = new Set(text.flatMap((source, i) => (docs[i]!.endsWith('.ts') ? imports(source).packages : [])));
  const named = (name: string) => text.some((t) => new RegExp(`(^|[^\\w@/-])${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|[^\\w/-])`, 'm').test(t));
  const promised = packages.filter((name) => named(name) && !imported.has(name)).sort();
  expect(promised).toEqual([...STUDENT_PACKAGES].sort());
  expect(promised).toContain('mathjs');
});
