/**
 * The README's tables are the one place a newcomer reads the course from: they must name every exercise of the
 * manifest with every function it asks for, and every demo.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DEMOS } from '../../demos/registry.ts';
import { COURSE } from '../manifest.ts';
import { REPO_ROOT } from '../paths.ts';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const rowOf = (name: string) => readme.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${name}\``));

test('the README lists every exercise with its functions', () => {
  for (const { id, functions } of COURSE) {
    const row = rowOf(id);
    expect(row, id).toBeDefined();
    for (const fn of functions) expect(row, `${id}: ${fn}`).toContain(`\`${fn}\``);
  }
});

test('the README lists every demo', () => {
  for (const { name } of DEMOS) expect(rowOf(name), name).toBeDefined();
});
