import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXERCISES_DIR, generatedStubs, TRUSTED_SHARED_DIR, trustedShared } from '../authoring/generate-stubs.ts';
import { COURSE, slugOf } from '../runtime/manifest.ts';
import { stubFromSolution, TODO_PREFIX } from '../runtime/stubs.ts';

describe('stubFromSolution', () => {
  const solution = [
    '/** Doubles x. */',
    'export function double(x: number): number {',
    '  // BEGIN SOLUTION hint: multiply by "two"',
    '  return 2 * x;',
    '  // END SOLUTION',
    '}',
  ].join('\n');

  test('keeps signatures and docs and throws a TODO error carrying the hint', () => {
    const stub = stubFromSolution(solution, 'double.ts');
    expect(stub).toContain('/** Doubles x. */\nexport function double(x: number): number {');
    expect(stub).toContain(`  throw new Error(${JSON.stringify(`${TODO_PREFIX} double. Hint: multiply by "two"`)});`);
    expect(stub).not.toContain('2 * x');
    expect(stub).not.toContain('SOLUTION');
  });

  test.each([
    ['an unclosed block', 'function f() {\n// BEGIN SOLUTION hint: h\n}', /never closed/],
    ['a block without hint', 'function f() {\n// BEGIN SOLUTION\n// END SOLUTION\n}', /needs 'hint/],
    ['a stray END', 'function f() {\n// END SOLUTION\n}', /without BEGIN/],
    ['a block outside any function', '// BEGIN SOLUTION hint: h\n// END SOLUTION', /outside a function/],
  ])('rejects %s with the line number', (_, source, error) => {
    expect(() => stubFromSolution(source, 'x.ts')).toThrow(error);
  });
});

describe('exercises/', () => {
  test('holds exactly the stubs generated from solutions/ (run `npm run generate` after editing a solution)', () => {
    for (const [path, content] of generatedStubs()) {
      const file = join(EXERCISES_DIR, path);
      expect(existsSync(file), `${path} is missing`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${path} is stale`).toBe(content);
    }
  });

  test('every exercise of the manifest has a stub, a README and public tests', () => {
    for (const { id } of COURSE) {
      for (const file of [`${slugOf(id)}.ts`, 'README.md', `${slugOf(id)}.test.ts`]) {
        expect(existsSync(join(EXERCISES_DIR, id, file)), `${id}/${file}`).toBe(true);
      }
    }
  });

  test('contains no solution code and no import of the teacher-only folders', () => {
    for (const [path, content] of generatedStubs()) {
      expect(content, path).not.toMatch(/BEGIN SOLUTION|from .*(solutions|reference)\//);
    }
  });
});

describe('grader/runtime/shared/', () => {
  test('holds exactly solutions/shared/ (run `npm run generate` after editing it; never edit the copy)', () => {
    const copy = trustedShared();
    expect(readdirSync(TRUSTED_SHARED_DIR).sort()).toEqual([...copy.keys()].sort());
    for (const [name, content] of copy) expect(readFileSync(join(TRUSTED_SHARED_DIR, name), 'utf8'), `${name} is stale`).toBe(content);
  });
});
