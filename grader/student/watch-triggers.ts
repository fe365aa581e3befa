/**
 * Which public tests `npm run watch` re-runs when a file of the submission changes.
 *
 * Vitest re-runs a test when a module in the test's import graph changes. The public tests reach the
 * student's module only through the loader seam (grader/runtime/seam.ts), which imports it at run time from a
 * computed file URL, and the test's own `import type * as Exercise from './rnn-forward.ts'` is erased by the
 * compiler: the stub is in no test's graph, so saving it re-ran nothing (measured). A side-effect import of
 * the stub in every test would put it in the graph, but it would also load the module outside the seam:
 * a syntax error would crash the whole file instead of failing each test with its load error, and a
 * SEQLAB_SUBMISSION folder would be bypassed. Vitest's `watchTriggerPatterns` maps a changed path to the
 * tests to run instead, which keeps the seam the only way in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WatcherTriggerPattern } from 'vitest/node';
import { COURSE, slugOf } from '../runtime/manifest.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const slash = (path: string) => path.replace(/\\/g, '/');

/** The public test file of an exercise, relative to the repository root. */
export const publicTestOf = (id: string): string => `exercises/${id}/${slugOf(id)}.test.ts`;

/**
 * The exercises to re-test when a file in `<submission>/<folder>/` changes: that exercise, plus every
 * exercise whose module imports from it (03 uses 01's rnnForward); a change in shared/ re-tests them all.
 */
export function exercisesAffectedBy(submission: string, folder: string): string[] {
  if (!COURSE.some((e) => e.id === folder)) return COURSE.map((e) => e.id);
  const importsIt = (id: string) => {
    const dir = join(submission, id);
    if (!existsSync(dir)) return false;
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .some((f) => readFileSync(join(dir, f), 'utf8').includes(`../${folder}/`));
  };
  return COURSE.filter((e) => e.id === folder || importsIt(e.id)).map((e) => e.id);
}

/**
 * watchTriggerPatterns for the public tests of the submission folder `submission`: saving a file of an
 * exercise re-runs that exercise only, so its result comes first and fast; the exercises that use it (03 uses
 * 01) are named in the banner and re-run on request (`a`). A change in shared/ re-runs them all.
 */
export function exerciseWatchTriggers(submission: string): WatcherTriggerPattern[] {
  // A TypeScript file directly inside an exercise folder (or shared/) of the submission; Vitest passes
  // absolute paths with forward slashes on every platform.
  const pattern = new RegExp(`^${escape(slash(submission))}/([^/]+)/[^/]+\\.ts$`);
  return [
    {
      pattern,
      testsToRun: (file, match) => {
        if (file.endsWith('.test.ts')) return undefined; // test files are in the graph already
        const folder = match[1]!;
        return (COURSE.some((e) => e.id === folder) ? [folder] : exercisesAffectedBy(submission, folder)).map(publicTestOf);
      },
    },
  ];
}
