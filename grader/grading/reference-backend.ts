/**
 * The reference's backend chooser (reference/backend.ts), imported by path at run time. A student release
 * carries the reference only inside its encrypted bundle: there the grader runs the public suites without
 * it (no backend), and with the key from a private mirror where the file exists. No grader file that a
 * release ships may import reference/ statically (grader/teacher/release/build.ts checks that).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../runtime/paths.ts';

/** What the grader uses of reference/backend.ts (grader/test/release.slow.test.ts checks that the two agree). */
export interface BackendChoice {
  name: string;
  skipped: { name: string; reason: string }[];
}
export interface BackendModule {
  initBackend(): Promise<BackendChoice>;
  describeBackend(chosen: BackendChoice): string;
}

export const REFERENCE_BACKEND = join(REPO_ROOT, 'reference/backend.ts');

/** The hidden suites: the only graded tests that run the reference (the public ones read fixtures). */
const HIDDEN_SUITES = join(REPO_ROOT, 'grader/hidden');

/**
 * The backend module, or undefined in a folder without the hidden suites (a student release without its
 * key, which ships reference/backend.ts in plain text for its demos): nothing graded there needs a backend.
 */
export async function referenceBackend(): Promise<BackendModule | undefined> {
  if (!existsSync(HIDDEN_SUITES) || !existsSync(REFERENCE_BACKEND)) return undefined;
  return (await import(pathToFileURL(REFERENCE_BACKEND).href)) as BackendModule;
}

/** Backend name in reports of runs without the reference. */
export const NO_BACKEND = 'none';
