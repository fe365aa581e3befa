/**
 * Writes exercises/<id>/fixtures.json from reference/fixtures/<id>.ts: the expected values of the public
 * tests, computed by the TensorFlow.js reference. `npm run fixtures` runs it; the self-test fails when a
 * committed fixture no longer matches what the reference computes.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Fixture } from '../grader/runtime/check.ts';
import { exerciseFiles } from '../grader/authoring/layout.ts';
import { COURSE, exerciseById } from '../grader/runtime/manifest.ts';
import { REPO_ROOT } from '../grader/runtime/paths.ts';
import { initBackend } from './backend.ts';

export const fixturesPath = (id: string): string => join(REPO_ROOT, 'exercises', id, 'fixtures.json');

/** Every exercise's fixtures (or only those of `only`, exercise ids), computed now, by exercise id. */
export async function computeFixtures(only?: readonly string[]): Promise<Map<string, Record<string, Fixture>>> {
  await initBackend();
  const all = new Map<string, Record<string, Fixture>>();
  for (const { id } of COURSE.filter((e) => !only?.length || only.includes(e.id))) {
    // Every exercise has one (grader/authoring/layout.ts): a missing builder is an error, never a silent skip.
    const builder = join(REPO_ROOT, exerciseFiles(id).fixtureBuilder);
    const module = (await import(pathToFileURL(builder).href)) as { fixtures(): Record<string, Fixture> };
    all.set(id, module.fixtures());
  }
  return all;
}

/** JSON with one line per innermost array of numbers, so a student can read a fixture. */
export function formatJson(value: unknown): string {
  const numbers = /\[\s*(-?\d[\d.e+-]*(?:,\s*-?\d[\d.e+-]*)*)\s*\]/g;
  return `${JSON.stringify(value, null, 1).replace(numbers, (_, list: string) => `[${list.split(/,\s*/).join(', ')}]`)}\n`;
}

/** `npm run fixtures [-- ID …]`: all exercises, or only the ones named (ids as in the manifest). */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const id of only) exerciseById(id);
  for (const [id, fixtures] of await computeFixtures(only)) {
    writeFileSync(fixturesPath(id), formatJson(fixtures));
    console.log(`wrote ${relative(REPO_ROOT, fixturesPath(id))}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await main();
