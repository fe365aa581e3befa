import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { slugOf } from './manifest.ts';

/** The course repository root (the folder holding package.json). */
export const REPO_ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** Where a submission's module for an exercise lives: `<dir>/<id>/<slug>.ts`. */
export function exerciseModulePath(submissionDir: string, id: string): string {
  return join(submissionDir, id, `${slugOf(id)}.ts`);
}
