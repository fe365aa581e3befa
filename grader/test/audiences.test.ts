/**
 * The import boundary between audiences (grader/authoring/audiences.ts): what a student's copy runs never imports the
 * teacher's or the course author's code, directly or through another file.
 */
import { expect, test } from 'vitest';
import { audienceOf, SHIPPED, SHIPPED_FOLDERS, TEACHER_SIDE } from '../authoring/audiences.ts';
import { releasedCode } from '../teacher/release/build.ts';
import { codeFilesUnder, importsOf } from '../authoring/imports.ts';

test('every file of grader/ has an audience', () => {
  expect(codeFilesUnder('grader').filter((f) => !audienceOf(f))).toEqual([]);
});

test("code a student's copy runs never imports teacher or authoring code", () => {
  const crossings: string[] = [];
  for (const start of codeFilesUnder('grader').filter((f) => SHIPPED.includes(audienceOf(f)!))) {
    const seen = new Set<string>();
    const walk = (file: string, chain: string[]): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const audience = audienceOf(file);
      if (audience && TEACHER_SIDE.includes(audience)) {
        crossings.push(`${[...chain, file].join(' → ')} (${audience})`);
        return;
      }
      for (const { path: next } of importsOf(file)) if (next.startsWith('grader/') || next.startsWith('reference/')) walk(next, [...chain, file]);
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

test('a release ships the shipped folders whole, and nothing of the teacher or the course author', () => {
  const released = releasedCode().filter((p) => p.startsWith('grader/'));
  expect(released.filter((p) => !SHIPPED.includes(audienceOf(p)!))).toEqual([]);
  for (const folder of SHIPPED_FOLDERS) expect(released.filter((p) => p.startsWith(folder)).length, folder).toBeGreaterThan(0);
});
