/**
 * The import boundary between audiences (grader/authoring/audiences.ts): what a student's copy runs never imports the
 * teacher's or the course author's code, directly or through another file.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { audienceOf, SHIPPED, TEACHER_SIDE } from '../authoring/audiences.ts';
import { REPO_ROOT } from '../runtime/paths.ts';

const filesUnder = (dir: string): string[] =>
  readdirSync(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/.test(e.name))
    .map((e) => relative(REPO_ROOT, join(e.parentPath, e.name)));

/** Relative imports of a file (static, dynamic and re-exports), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  // Examples in comments name files that do not exist: only real files count.
  return specifiers.map((s) => relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), s))).filter((path) => existsSync(join(REPO_ROOT, path)));
}

test('every file of grader/ has an audience', () => {
  expect(filesUnder('grader').filter((f) => !audienceOf(f))).toEqual([]);
});

test("code a student's copy runs never imports teacher or authoring code", () => {
  const crossings: string[] = [];
  for (const start of filesUnder('grader').filter((f) => SHIPPED.includes(audienceOf(f)!))) {
    const seen = new Set<string>();
    const walk = (file: string, chain: string[]): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const audience = audienceOf(file);
      if (audience && TEACHER_SIDE.includes(audience)) {
        crossings.push(`${[...chain, file].join(' → ')} (${audience})`);
        return;
      }
      for (const next of importsOf(file)) if (next.startsWith('grader/') || next.startsWith('reference/')) walk(next, [...chain, file]);
    };
    walk(start, []);
  }
  expect(crossings).toEqual([]);
});

test('the rule can fail: a teacher file is classified as such', () => {
  expect(audienceOf('grader/teacher/gradebook/regrade.ts')).toBe('teacher');
  expect(audienceOf('grader/authoring/generate-stubs.ts')).toBe('authoring');
  expect(audienceOf('grader/runtime/seam.ts')).toBe('runtime');
});
