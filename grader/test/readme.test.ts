/**
 * The README's exercise table and the students' guide's demo table are where a newcomer reads the course from:
 * they must name every exercise of the manifest with every function it asks for, and every demo. The README
 * stays short: the two commands, what this is, where to go.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DEMOS } from '../../demos/registry.ts';
import { COURSE } from '../runtime/manifest.ts';
import { REPO_ROOT } from '../runtime/paths.ts';

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');
const readme = read('README.md');
const rowOf = (name: string, text = readme) => text.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${name}\``));

test('the README lists every exercise with its functions', () => {
  for (const { id, functions } of COURSE) {
    const row = rowOf(id);
    expect(row, id).toBeDefined();
    for (const fn of functions) expect(row, `${id}: ${fn}`).toContain(`\`${fn}\``);
  }
});

test('docs/students.md lists every demo', () => {
  const students = read('docs/students.md');
  for (const { name } of DEMOS) expect(rowOf(name, students), name).toBeDefined();
});

test('the README opens with the two commands and points every audience to its guide, and every guide exists', () => {
  expect(readme).toMatch(/^# seqlab\n\n```bash\nnpm ci && npm run grade\nnpm test\n```\n/);
  for (const [, path] of readme.matchAll(/\]\((docs\/[\w.-]+)\)/g)) expect(() => read(path!), path).not.toThrow();
  expect(readme.split('\n').length).toBeLessThan(80);
});
