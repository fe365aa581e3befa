/**
 * Writes exercises/<id>/<file>.ts from solutions/<id>/<file>.ts (and copies solutions/shared/ verbatim).
 * `npm run generate` runs it; the self-test fails when exercises/ is stale.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../runtime/paths.ts';
import { stubFromSolution } from '../runtime/stubs.ts';

export const SOLUTIONS_DIR = join(REPO_ROOT, 'solutions');
export const EXERCISES_DIR = join(REPO_ROOT, 'exercises');

/** Every generated file, as exercises-relative path → content. */
export function generatedStubs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(SOLUTIONS_DIR, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const source = readFileSync(join(SOLUTIONS_DIR, entry), 'utf8');
    files.set(entry, stubFromSolution(source, relative(REPO_ROOT, join(SOLUTIONS_DIR, entry))));
  }
  return files;
}

function main(): void {
  for (const [path, content] of generatedStubs()) {
    const target = join(EXERCISES_DIR, path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, content);
    console.log(`wrote ${relative(REPO_ROOT, target)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) main();
